import { describe, expect, it } from 'vitest';
import {
  checkCharOf,
  idNumberSchema,
  maskIdNumber,
  maskPhone,
  normalizePhone,
  parseIdNumber,
  phoneError,
  phoneSchema,
} from '../../src-main/contract';
import { IDS } from '../helpers/store';

const TODAY = '2026-11-22';

/**
 * The check character as GB 11643-1999 states it, written independently of the app:
 * weight of position i (counted from the right, the check character being position 1) is
 * 2^(i-1) mod 11; the check value is (12 - sum mod 11) mod 11, 10 written as X.
 */
function standardCheckChar(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) {
    const position = 18 - k;
    sum += Number(first17[k]) * (2 ** (position - 1) % 11);
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function ok(id: string) {
  const r = parseIdNumber(id, TODAY);
  if (!r.ok) throw new Error(`${id} refused: ${r.message}`);
  return r.info;
}
function refused(id: string, today = TODAY): string {
  const r = parseIdNumber(id, today);
  if (r.ok) throw new Error(`${id} was accepted`);
  return r.message;
}

describe('ID number (GB 11643-1999)', () => {
  it('accepts valid numbers, including ones whose check character is X', () => {
    for (const id of Object.values(IDS)) expect(ok(id).idNumber).toBe(id);
    expect(IDS.standardX.endsWith('X')).toBe(true);
    expect(IDS.maleX.endsWith('X')).toBe(true);
    expect(IDS.nanjingX.endsWith('X')).toBe(true);
  });

  it('computes the same check character as the standard’s formula', () => {
    for (const id of Object.values(IDS)) {
      expect(checkCharOf(id.slice(0, 17))).toBe(id[17]);
      expect(standardCheckChar(id.slice(0, 17))).toBe(id[17]);
    }
    // a spread of generated bodies: every check value 0–9 and X must come out the same
    const seen = new Set<string>();
    for (let n = 0; n < 400; n++) {
      const body = `3301021980${String(101 + (n % 12) * 100 + (n % 28)).padStart(4, '0')}${String(n).padStart(3, '0')}`;
      expect(checkCharOf(body)).toBe(standardCheckChar(body));
      seen.add(checkCharOf(body));
    }
    expect(seen.size).toBe(11);
  });

  it('accepts a lowercase x and returns the number upper-cased', () => {
    expect(ok('11010519491231002x').idNumber).toBe('11010519491231002X');
    expect(ok('  33010219800101123x ').idNumber).toBe('33010219800101123X');
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, with a hint to re-check the digits', () => {
    expect(refused('110105194912310012')).toMatch(/校验位/); // last digit wrong
    expect(refused('11010519491231020X')).toMatch(/校验位/); // two digits transposed
    expect(refused('33010219800101132X')).toMatch(/校验位/);
    expect(refused('330102199003074561')).toMatch(/校验位/);
    expect(idNumberSchema.safeParse('110105194912310012').success).toBe(false);
  });

  it('refuses a wrong length and says how long it is', () => {
    expect(refused('11010519491231002')).toBe('身份证号应为18位，现为17位');
    expect(refused('11010519491231002X1')).toBe('身份证号应为18位，现为19位');
    expect(refused('')).toMatch(/18位/);
  });

  it('refuses the retired 15-digit numbers', () => {
    expect(refused('330102851010002')).toMatch(/15位/);
    expect(refused('110105491231002')).toMatch(/已停用/);
  });

  it('refuses letters anywhere but the last place', () => {
    expect(refused('1101051949123100XX')).toMatch(/前17位应为数字/);
    expect(refused('11010519491231O02X')).toMatch(/前17位应为数字/); // letter O for zero
  });

  it('refuses a region code that does not exist (check character correct)', () => {
    expect(refused('00010119900101001X')).toMatch(/地区码（000101）不存在/);
    expect(refused('990101199001010019')).toMatch(/地区码（990101）不存在/);
  });

  it('refuses impossible birth dates (check character correct)', () => {
    expect(refused('330102199002300011')).toMatch(/出生日期（19900230）不是有效日期/); // 30 February
    expect(refused('110105190002290017')).toMatch(/出生日期（19000229）不是有效日期/); // 1900 was not a leap year
    expect(ok(IDS.leapDay2000).birthDate).toBe('2000-02-29'); // 2000 was
    expect(refused('33010219901301001X')).toMatch(/不是有效日期/); // month 13
    expect(refused('330102199000010010')).toMatch(/不是有效日期/); // month 00
    expect(refused('330102199004310010')).toMatch(/不是有效日期/); // 31 April
    expect(refused('330102189912310017')).toMatch(/不是有效日期/); // before 1900
  });

  it('refuses a birth date after today, and only after today', () => {
    expect(refused('330102202611230017', '2026-11-22')).toMatch(/晚于今天/);
    expect(ok('330102202611220011').birthDate).toBe('2026-11-22'); // born today
    expect(refused('110105209912310010')).toMatch(/晚于今天/);
    const later = parseIdNumber('110105209912310010', '2100-01-01');
    expect(later.ok).toBe(true);
  });

  it('derives gender, birth date and region code', () => {
    expect(ok(IDS.standardX)).toEqual({
      idNumber: IDS.standardX,
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'female',
    });
    expect(ok(IDS.maleX)).toEqual({
      idNumber: IDS.maleX,
      regionCode: '330102',
      birthDate: '1980-01-01',
      gender: 'male',
    });
    expect(ok(IDS.female1990)).toMatchObject({
      regionCode: '330102',
      birthDate: '1990-03-07',
      gender: 'female',
    });
    expect(ok(IDS.leapDay2000)).toMatchObject({ regionCode: '440304', gender: 'male' });
    expect(ok(IDS.nanjingX)).toMatchObject({ regionCode: '320102', birthDate: '1970-06-15', gender: 'male' });
  });

  it('masks all but the region and the last four characters', () => {
    expect(maskIdNumber(IDS.standardX)).toBe('110105********002X');
    expect(maskIdNumber(IDS.female1990)).toBe('330102********4562');
    expect(maskIdNumber(IDS.standardX)).not.toContain('19491231');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber(undefined)).toBe('');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('phone numbers', () => {
  it('accepts mobiles and landlines in the forms clerks type', () => {
    for (const p of [
      '13800138000',
      '19912345678',
      '+86 138 0013 8000',
      '86-13800138000',
      '0571-88886666',
      '057188886666',
      '(0571)88886666',
      '（0571）88886666',
      '010-62345678',
      '88886666',
      '8888666',
      '0571-88886666-123',
    ]) {
      expect(phoneError(p), p).toBeNull();
      expect(phoneSchema.safeParse(p).success, p).toBe(true);
    }
    expect(phoneError('')).toBeNull(); // optional
  });

  it('refuses malformed numbers with a message that says what is wrong', () => {
    expect(phoneError('1380013800')).toBe('手机号应为11位，现为10位');
    expect(phoneError('138001380001')).toBe('手机号应为11位，现为12位');
    expect(phoneError('12800138000')).toMatch(/电话号码格式不正确/); // no mobile starts with 12
    expect(phoneError('010-12345678')).toMatch(/电话号码格式不正确/); // local numbers never start with 1
    expect(phoneError('12345')).toMatch(/手机号应为11位/);
    expect(phoneError('电话号码')).toMatch(/电话号码格式不正确/);
    expect(phoneError('0571-888')).toMatch(/电话号码格式不正确/);
    expect(phoneSchema.safeParse('1380013800').success).toBe(false);
  });

  it('normalizes spaces, brackets and the +86 prefix of mobiles', () => {
    expect(normalizePhone(' +86 138 0013 8000 ')).toBe('13800138000');
    expect(normalizePhone('86-13800138000')).toBe('13800138000');
    expect(normalizePhone('（0571）88886666')).toBe('057188886666');
    expect(normalizePhone('0571-88886666')).toBe('0571-88886666');
    expect(normalizePhone('138-0013-8000')).toBe('13800138000'); // hyphenated mobile
    expect(phoneError('138-0013-8000')).toBeNull();
  });

  it('masks the middle of a number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('13800138000')).not.toContain('0013');
    expect(maskPhone('88886666')).toBe('8888****');
    expect(maskPhone('057188886666')).toBe('057****6666');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone('')).toBe('');
  });
});
