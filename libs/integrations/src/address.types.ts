/** A postal address; a carrier needs at least these fields. */
export interface PostalAddress {
  name: string;
  phone: string;
  line1: string;
  city: string;
  [field: string]: unknown;
}
