/** A dispute's ending and its days as the services take them, read by the ledger and its dialogs. */
import type { Dayjs } from 'dayjs';
import type { DisputeStatus } from '../../../src-main/contract';

/** resolved or referred: the dispute has an ending (day and resolution) */
export const ended = (s: DisputeStatus | undefined) => s === 'resolved' || s === 'referred';
/** a day as the services take it, or null */
export const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
