import Testing

extension Tag {
    /// Tests that start Postfix, Dovecot, tmux, dnsmasq or the built pftls binary: the end-to-end tier.
    @Tag package static var endToEnd: Self
}

/// The two tiers of the suite. The fast one (the engine, the config model, the plan, the
/// wizard's screens) runs in well under a minute; the end-to-end one starts real programs.
///
/// `swift test` selects tests by their names only (`--filter`, `--skip`), not by tag, so
/// every end-to-end suite lives in one test target and carries the `.endToEnd` tag, and
/// whatever starts one of those programs calls `requireTag(starting:)`: a test that starts
/// one while in a fast target or without the tag fails, instead of slowing the fast tier.
package enum EndToEnd {
    /// The test target that holds every end-to-end suite, and only those.
    package static let target = "PftlsCLITests"

    /// Records an issue when the running test may not start `program` (see `refusal`).
    /// Outside a test (no current test) there is nothing to check.
    package static func requireTag(starting program: String) {
        guard let test = Test.current, let refusal = refusal(starting: program, tags: test.tags, module: test.id.moduleName) else { return }
        Issue.record(Comment(rawValue: "\(test.id): \(refusal)"))
    }

    /// Why a test tagged `tags`, in the test target `module`, may not start `program`; nil when it may.
    package static func refusal(starting program: String, tags: Set<Tag>, module: String) -> String? {
        if module != target {
            return "a test in \(module) starts \(program): end-to-end tests belong in \(target), tagged .endToEnd, so that the fast tier stays fast"
        }
        if !tags.contains(.endToEnd) {
            return "a test starts \(program) without the .endToEnd tag: add .tags(.endToEnd) to its suite"
        }
        return nil
    }
}
