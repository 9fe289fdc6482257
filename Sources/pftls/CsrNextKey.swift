import ArgumentParser
import FoundationEssentials
import Glibc
import PftlsCore

extension CsrCommand {
    /// `csr --next-key`: the staged next key of `--key-type` (made the first time, reused
    /// after that), a CSR from it, and the TLSA `3 1 1` record to publish for it now,
    /// for each name DANE senders look up (myhostname and the MX names of this host).
    func stageNextKey(names: [String], installation: PostfixInstallation, setup: Result<TLSSetupInForce, ConfigReadError>) throws {
        let kind = keyType.type
        let inForce: TLSSetupInForce? = if case .success(let read) = setup { read } else { nil }
        let pairs = inForce.map { ServerPresentation.read($0, fileSystem: LocalFileSystem(), inspector: Inspector()).pairs } ?? []
        // The key always beside the key in use, where check and renew look for it; `--out` moves the CSR only.
        let directory = NextKeyFile.directory(for: kind.serverKeyType, pairs: pairs, setup: inForce, configDirectory: configDirectory.path)
        let staged: (key: StagedNextKey, created: Bool)
        let made: RequestMaker.Made
        do {
            staged = try NextKeyStore(trustedOwner: getuid()).stage(kind, in: directory)
            if pairs.contains(where: { $0.leaf.map(staged.key.isKey(of:)) == true }) { throw NextKeyStore.Problem.inUse(staged.key.path) }
            let requestName = AtomicFileWriter.split(staged.key.path).name.replacing(".pem", with: ".csr")
            made = try RequestMaker(trustedOwner: getuid()).make(names: names, keyType: kind, directory: out ?? directory, reuse: (staged.key.key, staged.key.path),
                                                                 subject: fields(), requestName: requestName)
        } catch let problem as NextKeyStore.Problem {
            throw ValidationError(problem.description)
        } catch let problem as RequestMaker.Problem {
            throw ValidationError(problem.description)
        }
        print(made.request, terminator: "")
        print(Catalog.text(staged.created ? "csr.next-key.created" : "csr.next-key.reused", ["path": SafeText.escape(staged.key.path)]))
        print(Catalog.text("csr.written", ["csr": SafeText.escape(made.requestPath), "names": made.names.joinedAsList()]))
        if !made.subject.entries.isEmpty { print(Catalog.text("csr.subject", ["subject": SafeText.escape(made.subject.text)])) }
        print(Catalog.text("csr.next-key.publish"))
        for name in daneNames(installation, fallback: names) {
            print("  \(TLSAPublication.owner(of: name)). IN TLSA \(staged.key.record.text)")
        }
        print(Catalog.text("csr.next-key.next", ["instance": SafeText.escape(SuggestedCommand.configDirectoryOption(configDirectory.path))]))
    }

    /// The names DANE senders look up TLSA records for, as `check` finds them: myhostname
    /// and the MX names that point at this host; the CSR's names when DNS gives none.
    private func daneNames(_ installation: PostfixInstallation, fallback: [String]) -> [String] {
        var found: [String] = []
        if let check = dns.dnsCheck() {
            let lookups = check.lookUp(hostname: installation.hostname, value: installation.configured.value)
            found = lookups.publications.map(\.name) + lookups.mxNames
            // Without an answer the MX names may be missing: say so rather than print a short list as if whole.
            for failure in lookups.failures {
                print(Catalog.text("csr.next-key.dns-failed", ["name": SafeText.escape(failure.name), "reason": SafeText.escape(failure.reason)]))
            }
        }
        if found.isEmpty { found = installation.hostname.map { [MailHostNames.normalized($0)] } ?? [] }
        if found.isEmpty { found = fallback.filter { !$0.hasPrefix("*.") } }
        var seen = Set<String>()
        return found.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
