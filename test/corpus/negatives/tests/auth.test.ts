import { hashPassword, verify } from '../src/auth';

describe('auth', () => {
  it('hashes passwords', async () => {
    const password = 'correct-horse-battery';
    expect(await verify(password, await hashPassword(password))).toBe(true);
  });
  it('rejects an expired token', () => {
    const token = 'expired-token';
    expect(() => verify(token, 'hash')).toThrow('token expired');
  });
  it('masks secrets', () => {
    expect(mask('my-secret-value')).toBe('my-s****');
    const user = { name: 'test', password: 'test1234' };
    expect(user.password).toHaveLength(8);
  });
});
