import PftlsCore

/// Which selection the Files step's browser fills: the first key's files, or a second
/// key's of the other type, served beside it (`additionalKey`).
enum KeySelection: Equatable {
    case first, second
}

/// The Files step's second key: the same browser fills it (`a` switches), its files are
/// inspected as the first key's are, and Next waits for it and refuses a second key of the
/// first key's type.
extension FilesStep {
    /// The selection the browser fills now.
    var editing: FileAssignment {
        get { target == .first ? assignment : second }
        set { if target == .first { assignment = newValue } else { second = newValue } }
    }

    /// The second key as the answers take it, once it has a key and a certificate.
    var additionalKey: KeySource? {
        guard let key = second.key, let certificate = second.certificate else { return nil }
        return KeySource(privateKey: key, certificate: certificate, intermediates: second.intermediates)
    }

    /// The inspection of the second key's files as they are now, or nil while it is on its way.
    var currentSecondInspection: FilesInspection? {
        guard let secondInspection, !second.paths.isEmpty, secondInspection.assignment == second else { return nil }
        return secondInspection
    }

    /// Why the second key stops Next: a part missing, its check on its way, the first key's
    /// type, an error in its files, or an encrypted key no passphrase will open.
    func secondRefusal(_ shared: StepContext) -> Refusal? {
        guard !second.paths.isEmpty else { return nil }
        if second.key == nil { return .problem(Catalog.text("wizard.sni.files.secondKeyMissing")) }
        if second.certificate == nil { return .problem(Catalog.text("wizard.sni.files.secondCertificateMissing")) }
        guard let inspection = currentSecondInspection else { return .checking }
        // The type first: a second key of the first key's type is no use, whatever else is wrong with it.
        if let type = inspection.keyType, type == currentInspection(shared)?.keyType {
            return .problem(Catalog.text("wizard.sni.files.sameType", ["type": type.rawValue]))
        }
        if let error = inspection.blockingErrors.first {
            return .problem(Catalog.text("wizard.sni.files.secondRefused", ["code": "\(error.code)", "hint": error.hint]))
        }
        // The plan opens both keys with the one passphrase the next step asks for.
        if inspection.keyIsEncrypted && currentInspection(shared)?.keyIsEncrypted != true {
            return .problem(Catalog.text("wizard.sni.files.secondEncrypted"))
        }
        return nil
    }

    /// Takes an inspection of the second key's files (the first key's are taken apart).
    mutating func receiveSecond(_ inspection: FilesInspection) {
        guard !inspection.unlocking, inspection.assignment == second else { return }
        secondInspection = inspection
        if secondChecking == inspection.assignment { secondChecking = nil }
    }

    /// Asks for the inspection of the selection that was just changed.
    mutating func inspectEdited(_ shared: StepContext) -> [Effect] {
        guard target == .second else { return inspectAssignment(shared) }
        guard !second.paths.isEmpty else {
            (secondInspection, secondChecking) = (nil, nil)
            return []
        }
        return inspectSecond()
    }

    /// Asks for the inspection of the second key's files unless it is there or on its way:
    /// Next never waits for an answer that will not come.
    mutating func inspectSecondUnlessCurrent() -> [Effect] {
        guard !second.paths.isEmpty, currentSecondInspection == nil, secondChecking != second else { return [] }
        return inspectSecond()
    }

    /// The second key's files are inspected on their own; the plan opens the key with the
    /// passphrase the first one asks for, so none is given here.
    private mutating func inspectSecond() -> [Effect] {
        secondChecking = second
        return [.inspect(second, passphrase: nil, unlocking: false)]
    }

    /// The lines under the roles that name the other selection and the SNI entry, with
    /// the keys that change them; none on a server with one key type and no SNI map
    /// until a second key or an entry is chosen, so such a screen looks as it always did.
    func selectionLines(_ shared: StepContext, name: (String?) -> String) -> [String] {
        guard shared.summary?.presentsSeveral == true || !second.paths.isEmpty || target == .second || sniEntry != nil else { return [] }
        // Every file given, intermediates too: a selection of intermediates alone still names them.
        func files(_ selection: FileAssignment) -> String { selection.paths.map { name($0) }.joinedAsList() }
        var lines: [String] = []
        if target == .second {
            lines.append(Catalog.text("wizard.sni.files.firstChosen", ["files": files(effectiveAssignment(shared))]))
        } else if second.paths.isEmpty {
            lines.append(Catalog.text("wizard.sni.files.secondNone"))
        } else if let type = currentSecondInspection?.keyType {
            lines.append(Catalog.text("wizard.sni.files.secondChosenTyped", ["type": type.rawValue, "files": files(second)]))
        } else {
            lines.append(Catalog.text("wizard.sni.files.secondChosen", ["files": files(second)]))
        }
        if offersSNIEntries(shared) {
            lines.append(sniEntry.map { Catalog.text("wizard.sni.files.sniChosen", ["name": SafeText.escape($0)]) } ?? Catalog.text("wizard.sni.files.sniDefault"))
        }
        return lines
    }

    /// The keys of the second key and the SNI entry. The footer names them when the
    /// server presents several certificates or they are in use.
    func moreKeysBindings(_ shared: StepContext) -> [KeyBinding] {
        let shown = !selectionLines(shared, name: { $0 ?? "" }).isEmpty
        return [KeyBinding([.character("a")], .switchKeySelection, help: Catalog.text("wizard.sni.files.key.second"), inFooter: shown)]
            + (offersSNIEntries(shared) ? [KeyBinding([.character("s")], .chooseSNIEntry, help: Catalog.text("wizard.sni.files.key.sni"), inFooter: shown)] : [])
    }

    /// F1 says what `a` and `s` do: the footer has no room for them at 80 columns.
    func facts(_ shared: StepContext) -> [String] {
        [Catalog.text("wizard.sni.files.help.second")] + (offersSNIEntries(shared) ? [Catalog.text("wizard.sni.files.help.sni")] : [])
    }
}
