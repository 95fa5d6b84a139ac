import { parseCidr } from '../../../src/cidr';

describe('parseCidr', () => {
  it.each([
    ['0.0.0.0/0', 'ipv4', '0.0.0.0/0', true],
    ['10.0.0.0/8', 'ipv4', '10.0.0.0/8', true],
    ['100.68.0.18/18', 'ipv4', '100.68.0.0/18', false],
    ['192.168.1.7/32', 'ipv4', '192.168.1.7/32', true],
    ['::/0', 'ipv6', '::/0', true],
    ['2001:DB8::/32', 'ipv6', '2001:db8::/32', false],
    ['2001:0db8:0000:0000:0000:0000:0000:0001/128', 'ipv6', '2001:db8::1/128', false],
    ['2001:db8:0:0:1:0:0:1/128', 'ipv6', '2001:db8::1:0:0:1/128', false],
    ['2001:db8::ffff/64', 'ipv6', '2001:db8::/64', false],
    ['fe80::1:2:3:4/10', 'ipv6', 'fe80::/10', false],
    ['1:0:0:2:0:0:0:3/128', 'ipv6', '1:0:0:2::3/128', false],
  ])('%s is %s %s', (text, family, canonical, wasCanonical) => {
    expect(parseCidr(text)).toEqual({ family, canonical, wasCanonical });
  });

  it.each(['10.0.0.0', '10.0.0/8', '256.0.0.0/8', '10.0.0.0/33', '01.0.0.0/8', '::/129', '1::2::3/64', 'g::/8', '1:2:3:4:5:6:7:8:9/128', '', '/8', 'sg-123/8'])(
    'rejects %p',
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});
