/** The case form's values, and their conversion to api input, drafts and back. */
import dayjs, { type Dayjs } from 'dayjs';
import type { AttachmentRef, CaseDetail, Channel, IntakeInput, MatterType } from '../../src-main/contract';
import { toLocalMinute } from '../lib/format';

export interface PetitionerValues {
  id?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
  villageId?: string | null;
  representative?: boolean;
}

export interface CaseFormValues {
  channel?: Channel;
  proxyBy?: string;
  receivedAt?: Dayjs;
  matterType?: MatterType;
  categoryId?: string | null;
  summary?: string;
  content?: string;
  villageId?: string | null;
  peopleCount?: number;
  jointly?: boolean;
  anonymous?: boolean;
  skipLevel?: boolean;
  repeatOf?: string | null;
  /** Art. 36: recorded as 不再受理 of the re-reviewed case repeatOf names (intake only) */
  notReaccepted?: boolean;
  petitioners?: PetitionerValues[];
  attachments?: AttachmentRef[];
}

export function emptyCaseForm(): CaseFormValues {
  return {
    channel: 'visit',
    receivedAt: dayjs().second(0),
    peopleCount: 1,
    jointly: false,
    anonymous: false,
    skipLevel: false,
    repeatOf: null,
    notReaccepted: false,
    petitioners: [{ representative: false }],
    attachments: [],
    content: '',
  };
}

/** The form's petitioner rows that are sent: those with a name, ID number or phone typed. */
function keptPetitioners(v: CaseFormValues): number[] {
  return (v.petitioners ?? []).flatMap((p, i) =>
    p?.name?.trim() || p?.idNumber?.trim() || p?.phone?.trim() ? [i] : [],
  );
}

/** The form field an issue of the input names: a petitioner's row as on the form, blank rows left out. */
export function formPathOf(path: readonly PropertyKey[], v: CaseFormValues): readonly PropertyKey[] {
  if (path[0] !== 'petitioners' || typeof path[1] !== 'number') return path;
  return ['petitioners', keptPetitioners(v)[path[1]] ?? path[1], ...path.slice(2)];
}

export function toIntakeInput(v: CaseFormValues): IntakeInput {
  return {
    channel: v.channel as Channel,
    proxyBy: v.channel === 'proxy' ? v.proxyBy?.trim() || undefined : undefined,
    receivedAt: v.receivedAt ? toLocalMinute(v.receivedAt) : '',
    matterType: v.matterType as MatterType,
    categoryId: v.categoryId ?? null,
    summary: v.summary ?? '',
    content: v.content ?? '',
    villageId: v.villageId ?? null,
    peopleCount: v.peopleCount ?? 1,
    jointly: !!v.jointly,
    anonymous: !!v.anonymous,
    skipLevel: !!v.skipLevel,
    repeatOf: v.repeatOf ?? null,
    notReaccepted: !!v.repeatOf && !!v.notReaccepted,
    petitioners: keptPetitioners(v)
      .map((i) => v.petitioners![i])
      .map((p) => ({
        id: p.id,
        name: p.name ?? '',
        idNumber: p.idNumber || undefined,
        phone: p.phone || undefined,
        address: p.address || undefined,
        villageId: p.villageId ?? null,
        representative: !!p.representative,
      })),
    attachments: v.attachments ?? [],
  };
}

/** Drafts keep the date as text so they survive JSON. */
export function toDraft(v: CaseFormValues): unknown {
  return { ...v, receivedAt: v.receivedAt ? toLocalMinute(v.receivedAt) : null };
}

export function fromDraft(data: unknown): CaseFormValues {
  const d = (data ?? {}) as CaseFormValues & { receivedAt?: string | null };
  return { ...emptyCaseForm(), ...d, receivedAt: d.receivedAt ? dayjs(d.receivedAt) : dayjs().second(0) };
}

export function fromCase(c: CaseDetail): CaseFormValues {
  return {
    channel: c.channel,
    proxyBy: c.proxyBy ?? undefined,
    receivedAt: dayjs(c.receivedAt),
    matterType: c.matterType,
    categoryId: c.categoryId,
    summary: c.summary,
    content: c.content,
    villageId: c.villageId,
    peopleCount: c.peopleCount,
    jointly: c.jointly,
    anonymous: c.anonymous,
    skipLevel: c.skipLevel,
    repeatOf: c.repeatOf?.id ?? null,
    petitioners: c.petitioners.map((p) => ({
      id: p.id,
      name: p.name,
      idNumber: p.idNumber ?? undefined,
      phone: p.phone ?? undefined,
      address: p.address ?? undefined,
      villageId: p.villageId,
      representative: p.representative,
    })),
    attachments: [],
  };
}

/** "petitioners.0.idNumber" → ['petitioners', 0, 'idNumber'] for form.setFields */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}
