// The rate-limit key of a peer address: IPv6 grouped by /64 (a host is given a whole /64 and can
// send from any address in it), IPv4 and IPv4-mapped IPv6 per address.
import { expect } from 'chai';
import { addressKey, clientAddressKey } from '../../bot/security/clientAddress';

describe('client address key', () => {
    it('groups every address of an IPv6 /64, however it is written', () => {
        const key = addressKey('2001:db8:1:2::1');
        expect(key).to.equal('2001:db8:1:2::/64');
        for (const spelling of ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:0000:0000:0000:0009', '2001:DB8:1:2::abcd', '2001:db8:1:2:0:0:0:0']) {
            expect(addressKey(spelling), spelling).to.equal(key);
        }
    });

    it('keeps neighbouring /64s apart', () => {
        expect(addressKey('2001:db8:1:3::1')).to.not.equal(addressKey('2001:db8:1:2::1'));
        expect(addressKey('2001:db8:1:2::1')).to.not.equal(addressKey('2001:db9:1:2::1'));
    });

    it('keeps IPv4 per address, and an IPv4-mapped IPv6 peer is its IPv4 address', () => {
        expect(addressKey('203.0.113.7')).to.equal('203.0.113.7');
        expect(addressKey('::ffff:203.0.113.7')).to.equal('203.0.113.7');
        expect(addressKey('203.0.113.8')).to.not.equal(addressKey('203.0.113.7'));
    });

    it('gives loopback and link-local peers a key of their own /64', () => {
        expect(addressKey('::1')).to.equal('0:0:0:0::/64');
        expect(addressKey('fe80::1%eth0')).to.equal(addressKey('fe80::2'));
    });

    it('never fails: no address is "unknown", anything unparseable is cut to 64 characters', () => {
        expect(addressKey(undefined)).to.equal('unknown');
        expect(addressKey('')).to.equal('unknown');
        expect(addressKey('x'.repeat(1000))).to.have.length(64);
        expect(clientAddressKey({})).to.equal('unknown');
        expect(clientAddressKey({ socket: { remoteAddress: '2001:db8::5' } })).to.equal('2001:db8:0:0::/64');
    });
});
