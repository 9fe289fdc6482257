import FoundationEssentials
import Glibc

/// The canary for Dovecot, the same idea as Postfix's (`Canary`): before the live
/// listeners change, a temporary `local 127.0.0.2 { … }` block gives the new files to
/// clients that connect to 127.0.0.2 only, Dovecot reloads, a listener that listens on
/// every IPv4 address is probed there, and the block is removed again. Live clients never
/// reach 127.0.0.2. A Dovecot with no listener on every IPv4 address, or a host without
/// 127.0.0.1, has no such place: its probe after the switch decides, as the log says.
struct DovecotCanary {
    let plan: ChangePlan
    let installation: DovecotInstallation
    let processes: ProcessRunner
    let probe: ListenerProbing
    /// How long to wait for the block to serve the new certificate.
    let deadline: TimeInterval
    /// The change's checked directories (`DirectoryPins`), which the copies go through.
    var pins: DirectoryPins? = nil

    /// The loopback address only the canary's probe uses.
    static let address = "127.0.0.2"
    /// The comment line that opens the canary's block.
    static let marker = Canary.marker
    /// The start of the names of the block's file copies in the certificate directory.
    static let filePrefix = Canary.filePrefix + "dovecot"

    /// The listener to probe the block on, when there is one.
    var listener: DovecotListener? { installation.listeners.first { $0.onEveryIPv4Address } }

    /// Dovecot's first pair that the change writes: its files, whether it is Dovecot's
    /// alternate pair (`ssl_alt_*`), and what it must serve (of its key type when Dovecot
    /// serves two). nil when the change writes none.
    private var newPair: (key: PlannedFile, certificate: PlannedFile, alternate: Bool, proof: ServeProof)? {
        for pair in plan.dovecotPairs {
            guard let key = plan.files.first(where: { $0.path == pair.files.key }),
                  let certificate = plan.files.first(where: { $0.path == pair.files.certificate }), key.changes || certificate.changes else { continue }
            return (key, certificate, pair.files.alternate, pair.proof)
        }
        return nil
    }

    /// True when there is something new to try and a place to try it.
    var applies: Bool { newPair?.proof.leaf != nil && installation.isRunning }

    /// Runs the canary: nil when the block served the new leaf, else why not. The block and
    /// the copies are gone afterwards, whatever happened, and Dovecot is reloaded without them.
    func run(say: (String) -> Void) -> String? {
        guard let files = newPair, let leaf = files.proof.leaf else { return nil }
        guard let listener else {
            // Which of the two is missing: 127.0.0.1 on this host, or a listener that 127.0.0.2 reaches.
            let listening = installation.listeners.map(\.label).joinedAsList()
            say(LocalAddresses.ipv4LoopbackIsUp() ? Catalog.text("dovecot.canary.no-wildcard", ["listeners": listening.isEmpty ? "-" : listening])
                : Catalog.text("dovecot.canary.no-loopback"))
            return nil
        }
        let path = installation.configFile
        let original: [UInt8]
        var info = stat()
        do {
            original = try LocalFileSystem().readFile(path, limit: 4 << 20)
            lstat(path, &info)
        } catch {
            return Catalog.text("canary.cannot-prepare", ["reason": error.reason])
        }
        let writer = AtomicFileWriter(pins: pins)
        let owner = (info.st_uid, info.st_gid)
        let mode = mode_t(info.st_mode & 0o7777)
        var copies: [String] = []
        var problem: String?
        do {
            for file in [files.key, files.certificate] {
                let (directory, name) = AtomicFileWriter.split(file.path)
                // Named for this run: a killed run's block, which the original file may still hold
                // (the change removes it later), names copies of its own that must stay until then.
                let copy = directory + "/" + Self.filePrefix + "-\(getpid())-" + name
                try file.write(using: writer, to: copy, mode: 0o600, owner: getuid() == 0 ? (0, 0) : nil)
                copies.append(copy)
            }
            let names = DovecotSettingNames(version: installation.settings.version)
            let base = Self.removingBlock(from: original) ?? original
            try writer.write(base + Array(Self.block(names: names, key: copies[0], certificate: copies[1], alternate: files.alternate).utf8),
                             to: path, mode: mode, owner: owner)
            problem = tryBlock(listener, leaf: leaf, keyType: files.proof.keyType, say: say)
        } catch {
            problem = Catalog.text("canary.cannot-prepare", ["reason": "\(error)"])
        }
        var left: String?
        do { try writer.write(original, to: path, mode: mode, owner: owner) } catch {
            left = Catalog.text("canary.not-removed", ["path": SafeText.escape(path), "reason": "\(error)",
                                                       "command": SafeText.escape(SuggestedCommand.doveadmReload(configFile: path))])
        }
        copies.forEach { unlink($0) }
        _ = DovecotCommand(processes: processes, configFile: path).reload()
        let problems = [problem, left].compactMap { $0 }
        return problems.isEmpty ? nil : problems.joined(separator: " ")
    }

    /// Reloads Dovecot with the block and probes it until it serves the new leaf or the
    /// deadline passes; nil when it did.
    private func tryBlock(_ listener: DovecotListener, leaf: Certificate, keyType: ServerKeyType?, say: (String) -> Void) -> String? {
        let command = DovecotCommand(processes: processes, configFile: installation.configFile)
        if let refused = command.gate() { return Catalog.text("dovecot.apply.gate-failed", ["file": SafeText.escape(installation.configFile), "reason": refused]) }
        if case .failed(let reason) = command.reload() { return Catalog.text("canary.reload-failed", ["reason": reason]) }
        say(Catalog.text("dovecot.canary.trying", ["place": "\(Self.address):\(listener.port)"]))
        let end = Date().addingTimeInterval(deadline)
        var last: ProbeResult
        repeat {
            last = probe.probe(host: Self.address, port: listener.port, mode: listener.mode, serverName: nil, keyType: keyType)
            if last.leaf?.isSame(as: leaf) == true { return nil }
            usleep(300_000)
        } while Date() < end
        switch last {
        case .served(let chain): return Catalog.text("canary.other-certificate", ["sha256": chain.first?.sha256FingerprintText ?? "?"])
        case .failed(let reason, _, _): return Catalog.text("canary.failed", ["reason": reason])
        }
    }

    /// The block: the new files for clients that connect to 127.0.0.2, under the settings of
    /// the pair they go into (`alternate`: `ssl_alt_*`), so that the pair the block inherits
    /// for the other key type is the one that stays, and none of the new type shadows them.
    static func block(names: DovecotSettingNames, key: String, certificate: String, alternate: Bool = false) -> String {
        "\n" + marker + " a temporary block for the new certificate; removed again at once\n"
            + "local \(address) {\n"
            + "  \(names.certificate(alternate: alternate)) = \(names.value(forPath: certificate))\n"
            + "  \(names.key(alternate: alternate)) = \(names.value(forPath: key))\n"
            + "}\n"
    }

    /// `text` without the blocks a killed run left behind (the blank line before the
    /// marker, the marker, and the lines up to the closing brace); nil when there are none.
    /// Byte lines, not text: the rest of the file is kept byte for byte, UTF-8 or not.
    static func removingBlock(from text: [UInt8]) -> [UInt8]? {
        var lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var found = false
        while let block = firstBlock(in: lines) {
            found = true
            let start = block.lowerBound > 0 && lines[block.lowerBound - 1].isEmpty ? block.lowerBound - 1 : block.lowerBound
            lines.removeSubrange(start...block.upperBound)
        }
        return found ? Array(lines.joined(separator: [UInt8(ascii: "\n")])) : nil
    }

    /// The files the blocks a killed run left in `text` name (their `<` taken off), in order;
    /// nil when there is no such block.
    static func leftoverFiles(in text: [UInt8]) -> [String]? {
        let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var files: [String]?
        var from = 0
        while let block = firstBlock(in: lines, from: from) {
            files = (files ?? []) + lines[block].compactMap { line in
                guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else { return nil }
                let value = String(decoding: line[(equals + 1)...], as: UTF8.self).trimmingBlanks()
                return value.hasPrefix("<") ? String(value.dropFirst()).trimmingBlanks() : value.isEmpty ? nil : value
            }
            from = block.upperBound + 1
        }
        return files
    }

    /// The lines of the first block a killed run left in `lines` from line `from`: its marker
    /// to its closing brace (or the end).
    private static func firstBlock(in lines: [ArraySlice<UInt8>], from: Int = 0) -> ClosedRange<Int>? {
        let markerBytes = Array(marker.utf8)
        let closing = Array("}".utf8)
        guard from < lines.count, let index = lines[from...].firstIndex(where: { $0.starts(with: markerBytes) }) else { return nil }
        let close = lines[index...].firstIndex { $0.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") }.elementsEqual(closing) }
            ?? lines.count - 1
        return index...close
    }
}
