import ArgumentParser
import PftlsCore

/// `--private-ca`, shared by inspect, check and renew: the certificate comes from a
/// private CA whose clients hold its root, so a leaf without its intermediate is a
/// warning (`incomplete-chain`), not the error `intermediate-missing`.
struct PrivateCAOption: ParsableArguments {
    @Flag(name: .customLong("private-ca"), help: ArgumentHelp(Catalog.text("private-ca.help")))
    var privateCA = false
}
