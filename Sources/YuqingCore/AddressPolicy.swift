/// Which addresses one source's fetches (the first request, every redirect, every follow-up
/// page) may connect to. Decided here, enforced by the fetcher at connect time by the
/// address actually connected, which also defeats DNS rebinding.
public struct AddressPolicy: Sendable, Hashable {
    /// The class of the configured URL's host: a source may always stay in its own class.
    public var baseline: AddressClass
    /// `allow_private_addresses: true` in `Sources.yml`: any class is allowed.
    public var allowsPrivateAddresses: Bool
    /// IP literals treated as public although they are not: lets tests on 127.0.0.0/8 play a
    /// public site. Never set from configuration.
    public var treatedAsPublic: Set<String>

    /// Creates a policy.
    public init(baseline: AddressClass, allowsPrivateAddresses: Bool = false, treatedAsPublic: Set<String> = []) {
        self.baseline = baseline
        self.allowsPrivateAddresses = allowsPrivateAddresses
        self.treatedAsPublic = treatedAsPublic
    }

    /// The policy of `source`: its configured host's class, and its `allow_private_addresses`.
    /// `treatedAsPublic` is for tests only (see the property).
    public init(for source: Source, treatedAsPublic: Set<String> = []) {
        let host = source.url.host ?? ""
        self.init(
            baseline: treatedAsPublic.contains(host) ? .public : AddressClass.ofConfiguredHost(host),
            allowsPrivateAddresses: source.allowsPrivateAddresses,
            treatedAsPublic: treatedAsPublic
        )
    }

    /// The class of `ip`, honouring `treatedAsPublic`; nil when `ip` is not an IP address.
    public func classify(_ ip: String) -> AddressClass? {
        if treatedAsPublic.contains(ip) { return .public }
        return AddressClass.of(ipLiteral: ip)
    }

    /// Whether a connection to `ip` is allowed: public addresses and the baseline's own class
    /// always are; anything else only with `allowsPrivateAddresses`. Unparseable text is refused.
    public func allows(ip: String) -> Bool {
        guard let target = classify(ip) else { return false }
        return target == .public || target == baseline || allowsPrivateAddresses
    }
}
