/**
 * A small register of five petitions covering every channel group, matter type, flag and date
 * edge the list filters care about. Used by the register and ledger-export tests.
 *
 *   A  visit, 东村, 土地承包, 2026-03-10 09:00, 张三 alone
 *   B  group visit of 6 with 3 representatives, 西村, 土地征收, 2026-03-31 23:59 (last minute of March)
 *   C  joint letter (联名), 南山社区, 道路建设, 2026-04-01 00:00 (first minute of April), suggestion
 *   D  anonymous online accusation that skipped a level (越级), no village, 2026-05-15
 *   E  phone call repeating A (重复), 东村, 低保救助, 2026-03-20
 */
import type { IntakeInput } from '../../src-main/contract';
import { IDS, call, samplePetitioner, type Township } from './store';

export interface SampleCase {
  id: string;
  caseNo: string;
  queryCode: string;
  input: IntakeInput;
}
export type SampleRegister = Record<'A' | 'B' | 'C' | 'D' | 'E', SampleCase>;

export async function addSampleCases(t: Township): Promise<SampleRegister> {
  const inputs: Record<keyof SampleRegister, IntakeInput> = {
    A: {
      channel: 'visit',
      receivedAt: '2026-03-10T09:00',
      matterType: 'claim',
      categoryId: t.category('土地承包'),
      villageId: t.village('东村'),
      summary: '反映土地承包合同到期未续签',
      content: '信访人称其家庭承包的耕地合同已到期，村委会未按约定续签。',
      peopleCount: 1,
      petitioners: [
        samplePetitioner({ name: '张三', idNumber: IDS.maleX, phone: '13800138000', address: '东村3组12号' }),
      ],
    },
    B: {
      channel: 'visit',
      receivedAt: '2026-03-31T23:59',
      matterType: 'claim',
      categoryId: t.category('土地征收'),
      villageId: t.village('西村'),
      summary: '六名村民反映土地征收补偿款未足额发放',
      content: '西村二组六户村民集体来访，称去年土地征收补偿款至今只发放一半。',
      peopleCount: 6,
      petitioners: [
        samplePetitioner({
          name: '单伟',
          idNumber: IDS.female1990,
          phone: '13911112222',
          address: '西村二组',
          representative: true,
        }),
        samplePetitioner({
          name: '曾国强',
          idNumber: IDS.nanjingX,
          phone: '0571-88886666',
          address: '西村二组',
          representative: true,
        }),
        samplePetitioner({ name: '刘洋', idNumber: '', phone: '', address: '', representative: true }),
      ],
    },
    C: {
      channel: 'letter',
      receivedAt: '2026-04-01T00:00',
      matterType: 'suggestion',
      categoryId: t.category('道路建设'),
      villageId: t.village('南山社区'),
      summary: '建议修缮南山社区主干道路灯',
      content: '社区主干道路灯损坏多处，夜间出行不便，建议尽快修缮。',
      peopleCount: 3,
      jointly: true,
      petitioners: [
        samplePetitioner({
          name: '李四',
          idNumber: IDS.standardX,
          phone: '13700001111',
          address: '南山社区5幢',
        }),
        samplePetitioner({ name: '王五', idNumber: '', phone: '', address: '' }),
      ],
    },
    D: {
      channel: 'online',
      receivedAt: '2026-05-15T14:30',
      matterType: 'accusation',
      categoryId: t.category('干部作风'),
      summary: '举报某村干部违规优亲厚友',
      content: '网上举报，未留姓名。',
      peopleCount: 1,
      anonymous: true,
      skipLevel: true,
      petitioners: [],
    },
    E: {
      channel: 'phone',
      receivedAt: '2026-03-20T16:45',
      matterType: 'claim',
      categoryId: t.category('低保救助'),
      villageId: t.village('东村'),
      summary: '再次来电反映土地承包问题并申请低保',
      content: '',
      peopleCount: 1,
      petitioners: [
        samplePetitioner({ name: '张三', idNumber: IDS.maleX, phone: '13800138000', address: '东村3组12号' }),
      ],
    },
  };
  const out = {} as SampleRegister;
  for (const key of ['A', 'B', 'C', 'D', 'E'] as const) {
    const input = key === 'E' ? { ...inputs.E, repeatOf: out.A.id } : inputs[key];
    const r = await call(t.store, 'cases.create', input);
    out[key] = { ...r, input };
  }
  return out;
}

/** Register order (newest received first) of the sample cases. */
export const SAMPLE_ORDER = ['D', 'C', 'B', 'E', 'A'] as const;
