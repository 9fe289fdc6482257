#if canImport(Glibc)
import Glibc
#endif

/// Each entry of an SNI map read pair by pair and checked for its own name, on every core:
/// a hosting provider's 10,000 entries are 10,000 independent inspections (about 0.3 ms
/// each, most of it OpenSSL decoding and verifying), so they run side by side, the reports
/// kept in source order.
struct SNIEntryInspection: @unchecked Sendable {
    let reader: PairReader
    let map: SNIMapReference
    let expiry: ExpiryThresholds
    let privateCA: Bool
    /// The instance the map belongs to: its reload is the one the hints name.
    var configDirectory = PostfixInstallation.standardConfigDirectory

    /// Entries below this count are read on the calling thread: starting threads costs more.
    static let parallelFrom = 64

    /// The reports of `entries`, in their order.
    func reports(_ entries: [SNIEntry]) -> [SNIEntryReport] {
        let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard entries.count >= Self.parallelFrom, cores > 1 else { return entries.map(report) }
        // Contiguous slices, one per core: each thread reads its files in order.
        let slices = stride(from: 0, to: entries.count, by: (entries.count + cores - 1) / cores).map { start in
            Array(entries[start..<min(start + (entries.count + cores - 1) / cores, entries.count)])
        }
        // The caller's language (a task-local choice does not reach other threads by itself).
        let language = Catalog.language
        let done = BoundedThreads.run(slices.count, width: cores, deadline: .seconds(3600), grace: .seconds(1)) { index in
            Catalog.withLanguage(language) { Reports(value: slices[index].map(report)) }
        }
        return zip(slices, done).flatMap { slice, reports in reports?.value ?? slice.map(report) }
    }

    /// What makes Postfix read the entry's files again: the map rebuilt when it is indexed
    /// (`postmap -F`, which loads the files into it), then a reload.
    private var reload: String {
        (map.isIndexed ? "postmap -F " + SuggestedCommand.shellWord("\(map.type):\(map.name)") + " && " : "")
            + SuggestedCommand.postfix("reload", configDirectory: configDirectory)
    }

    /// One entry read and checked (a `.example.com` entry: for a name under it).
    func report(_ entry: SNIEntry) -> SNIEntryReport {
        let options = expiry.applied(to: InspectionOptions(hostname: entry.probeName, privateCA: privateCA))
        let pairs = reader.pairs(entry.files, options: options)
        let own = (pairs.flatMap { $0.report.findings.filter { $0.code != .unrelatedCertificate } } + pairs.sameTypeFindings(reload: reload))
            .map { finding in
                Finding(finding.code, finding.severity, file: finding.file,
                        message: Catalog.text("sni.entry-finding", ["name": SafeText.escape(entry.name), "message": finding.message]), hint: finding.hint)
            } + entry.syntaxFindings(map: map)
        return SNIEntryReport(entry: entry, map: map, pairs: pairs, findings: own)
    }

    /// A slice's reports, handed from its thread (the certificates and keys in them are
    /// OpenSSL objects no other thread touches until the slice is done).
    struct Reports: @unchecked Sendable {
        let value: [SNIEntryReport]
    }
}
