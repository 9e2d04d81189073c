import Foundation
import Testing
import YuqingCore

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("8.8.8.8", AddressClass.public), ("127.0.0.1", .loopback), ("127.9.9.9", .loopback),
        ("10.1.2.3", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("172.32.0.1", .public),
        ("192.168.1.1", .private), ("169.254.169.254", .linkLocal), ("0.0.0.0", .unspecified),
        ("::1", .loopback), ("[::1]", .loopback), ("::", .unspecified), ("fd00::1", .private), ("fc12:3::4", .private),
        ("fe80::1%eth0", .linkLocal), ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .private),
        ("2001:db8::1", .public), ("240e:3b4::5", .public),
    ])
    func classifiesAddresses(_ ip: String, _ expected: AddressClass) {
        #expect(AddressClass.of(ipLiteral: ip) == expected)
    }

    @Test func namesAreNotAddresses() {
        #expect(AddressClass.of(ipLiteral: "www.gov.cn") == nil)
        #expect(AddressClass.of(ipLiteral: "1.2.3") == nil)
        #expect(AddressClass.of(ipLiteral: "1.2.3.256") == nil)
        #expect(AddressClass.of(ipLiteral: "1::2::3") == nil)
    }

    @Test func configuredHostSetsTheBaseline() {
        #expect(AddressClass.ofConfiguredHost("127.0.0.1") == .loopback)
        #expect(AddressClass.ofConfiguredHost("localhost") == .loopback)
        #expect(AddressClass.ofConfiguredHost("10.0.0.8") == .private)
        // A name may resolve anywhere tomorrow: it is held to the public rules.
        #expect(AddressClass.ofConfiguredHost("www.example.gov.cn") == .public)
    }

    @Test func aPublicSourceMayNotReachInternalAddresses() {
        let policy = AddressPolicy(baseline: .public)
        #expect(policy.allows(ip: "203.0.113.7"))
        for ip in ["127.0.0.1", "::1", "10.0.0.1", "192.168.0.1", "169.254.169.254", "0.0.0.0", "fe80::1"] {
            #expect(!policy.allows(ip: ip), "\(ip)")
        }
        #expect(!policy.allows(ip: "not an address"))
    }

    @Test func aSourceMayStayInItsOwnClassOrGoPublic() {
        let loopback = AddressPolicy(baseline: .loopback)
        #expect(loopback.allows(ip: "127.0.0.1"))
        #expect(loopback.allows(ip: "8.8.8.8"))
        #expect(!loopback.allows(ip: "192.168.1.1"))
    }

    @Test func theSourceCanOptIn() {
        let source = Source(id: "intranet", url: URL(string: "http://oa.example.cn/feed")!, allowsPrivateAddresses: true)
        let policy = AddressPolicy(for: source)
        #expect(policy.baseline == .public)
        #expect(policy.allows(ip: "10.0.0.1"))
    }

    @Test func testsCanPlayAPublicSiteOnLoopback() {
        let policy = AddressPolicy(baseline: .public, treatedAsPublic: ["127.0.0.2"])
        #expect(policy.allows(ip: "127.0.0.2"))
        #expect(!policy.allows(ip: "127.0.0.1"))
    }
}
