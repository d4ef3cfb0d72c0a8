/** Input of {@link customerEchoWorkflow}: customer data that must never be readable in the history. */
export interface CustomerContact {
  name: string;
  phone: string;
  address: string;
}

/** A workflow that only returns its input, so its history holds the input and the result payloads. */
export async function customerEchoWorkflow(contact: CustomerContact): Promise<CustomerContact> {
  return contact;
}
