/**
 * Resident ID numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 * Pure functions: the intake form uses them too.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits of every province-level region code in GB/T 2260. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export interface IdNumberInfo {
  idNumber: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'male' | 'female';
}

export type IdNumberResult = { ok: true; info: IdNumberInfo } | { ok: false; message: string };

export function checkCharOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Validates an ID number; `today` (YYYY-MM-DD) bounds the birth date. */
export function parseIdNumber(raw: string, today = new Date().toISOString().slice(0, 10)): IdNumberResult {
  const id = raw.trim().toUpperCase();
  if (id.length === 15 && /^\d{15}$/.test(id)) {
    return { ok: false, message: '这是已停用的15位身份证号，请填写18位身份证号' };
  }
  if (id.length !== 18) return { ok: false, message: `身份证号应为18位，现为${id.length}位` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号前17位应为数字，最后一位为数字或X' };
  if (!PROVINCES.has(id.slice(0, 2)))
    return { ok: false, message: `身份证号前6位地区码（${id.slice(0, 6)}）不存在` };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: `身份证号中的出生日期（${id.slice(6, 14)}）不是有效日期` };
  }
  if (birthDate > today) return { ok: false, message: `身份证号中的出生日期（${birthDate}）晚于今天` };
  const expected = checkCharOf(id.slice(0, 17));
  if (id[17] !== expected) {
    return { ok: false, message: '身份证号校验位不符，请逐位核对（常见错误：相邻两位颠倒、0与O混淆）' };
  }
  return {
    ok: true,
    info: {
      idNumber: id,
      regionCode: id.slice(0, 6),
      birthDate,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** 110101********1234: lists show only the region and the last four characters. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id;
}
