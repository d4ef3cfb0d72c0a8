import type { CaseItemView } from '../../api/case-view';

/** The grades of a unit, with the key that gives each at the station. */
export const GRADE_KEYS = [
  { key: 'a', grade: 'A_RESELLABLE' },
  { key: 'b', grade: 'B_REFURBISH' },
  { key: 'c', grade: 'C_DEFECTIVE' },
  { key: 'd', grade: 'D_CUSTOMER_DAMAGED' },
  { key: 'm', grade: 'MISMATCH' },
] as const;

/** A grade of the inspection. */
export type Grade = (typeof GRADE_KEYS)[number]['grade'];

/** The grade a key gives, if any (case-insensitive). */
export function gradeOfKey(key: string): Grade | null {
  return GRADE_KEYS.find((entry) => entry.key === key.toLowerCase())?.grade ?? null;
}

/** One physical unit of the parcel, graded on its own. */
export interface Unit {
  id: string;
  sku: string;
  lineId?: string;
  grade: Grade | null;
  notes: string;
  photo: string;
}

/** A unit per piece of every item of the case (an item of quantity 2 is two units). */
export function unitsOf(items: CaseItemView[]): Unit[] {
  return items.flatMap((item, itemIndex) =>
    Array.from({ length: item.quantity }, (_, piece) => ({
      id: `${itemIndex}-${piece}`,
      sku: item.sku,
      lineId: item.lineId,
      grade: null,
      notes: '',
      photo: '',
    })),
  );
}

/** An item of `POST /v1/cases/{caseId}/inspection`. */
export interface InspectionItem {
  sku: string;
  quantity: number;
  grade: Grade;
  notes?: string;
  lineId?: string;
  photos?: string[];
}

/** The graded units as inspection items: units alike (line, grade, notes, photo) counted together. */
export function inspectionItemsOf(units: Unit[]): InspectionItem[] {
  const items = new Map<string, InspectionItem>();
  for (const unit of units) {
    if (!unit.grade) throw new Error(`unit ${unit.id} is not graded`);
    const notes = unit.notes.trim();
    const photo = unit.photo.trim();
    const key = JSON.stringify([unit.sku, unit.lineId ?? '', unit.grade, notes, photo]);
    const existing = items.get(key);
    if (existing) {
      existing.quantity += 1;
      continue;
    }
    items.set(key, {
      sku: unit.sku,
      quantity: 1,
      grade: unit.grade,
      ...(notes ? { notes } : {}),
      ...(unit.lineId ? { lineId: unit.lineId } : {}),
      ...(photo ? { photos: [photo] } : {}),
    });
  }
  return [...items.values()];
}
