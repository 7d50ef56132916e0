/** Chinese phone numbers: mobiles (11 digits from 13–19) and landlines with or without area code. */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$/;

export function normalizePhone(raw: string): string {
  const p = raw
    .trim()
    .replace(/[\s()（）]/g, '')
    .replace(/^\+?86-?(?=1)/, '');
  // mobiles are often written 138-0013-8000: keep only the digits
  const digits = p.replace(/-/g, '');
  return /^1\d{10}$/.test(digits) ? digits : p;
}

export function phoneError(raw: string): string | null {
  const p = normalizePhone(raw);
  if (p === '') return null;
  if (/^1\d*$/.test(p) && p.length !== 11) return `手机号应为11位，现为${p.length}位`;
  if (MOBILE.test(p) || LANDLINE.test(p)) return null;
  return '电话号码格式不正确：手机号为11位，座机如 0571-88886666';
}

/** 138****5678 */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone.replace(/\d{4}$/, '****');
}
