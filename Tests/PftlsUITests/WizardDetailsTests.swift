import Foundation
import Testing
import PftlsCore
@testable import PftlsUI
import PftlsTestSupport

/// Ways to set the demo sandbox up before the wizard starts (the `browsing` closure of
/// `WizardHarness`): each returns the folder the wizard opens.
enum SandboxSetUp {
    /// The key of the sandbox's set-up in force (its snakeoil pair).
    static func keyInForce(_ layout: DemoSandboxBuilder.Layout) throws -> PrivateKey {
        let file = Inspector().load(layout.root + "/ssl/private/ssl-cert-snakeoil.key", passphrases: nil)
        return try #require(file.items.compactMap { if case .privateKey(let key) = $0.object { key } else { nil } }.first)
    }

    /// The certificate in force is issued by a CA (the test PKI) for the key in force,
    /// as after a first installation: TLS is set up, not a placeholder.
    static func caIssuedInForce(_ layout: DemoSandboxBuilder.Layout) throws -> String {
        let pki = try TestPKI()
        let leaf = try pki.issueLeaf(.server(SampleCertificateSet.hostname), key: try keyInForce(layout)).certificate
        try AtomicFileWriter().write(Array((leaf.pem + pki.intermediate.certificate.pem).utf8), to: layout.root + "/ssl/certs/ssl-cert-snakeoil.pem", mode: 0o644)
        return layout.incoming
    }

    /// main.cf names no certificate: TLS is not set up, there is nothing to renew.
    static func noTLS(_ layout: DemoSandboxBuilder.Layout) throws -> String {
        let path = layout.configDirectory + "/main.cf"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("smtpd_tls_cert_file") && !$0.hasPrefix("smtpd_tls_key_file") }
        try AtomicFileWriter().write(Array(lines.joined(separator: "\n").utf8), to: path, mode: 0o644)
        return layout.incoming
    }

    /// A folder with an unencrypted key and its (self-signed) certificate.
    static func plainPair(_ layout: DemoSandboxBuilder.Layout) throws -> String {
        let folder = layout.root + "/plain"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let key = try KeyGenerator.generate(.ec(curve: "P-256"))
        let leaf = try CertificateFactory.issue(.server(SampleCertificateSet.hostname), subjectKey: key)
        try AtomicFileWriter().write(Array(leaf.pem.utf8), to: folder + "/cert.pem", mode: 0o644)
        try AtomicFileWriter().write(try #require(key.unencryptedPEM()), to: folder + "/key.pem", mode: 0o600)
        return folder
    }
}

/// The Start screen: where the focus starts, what the footer and F1 offer, the step bar.
@Suite struct WizardStartScreenTests {
    @Test func theFocusStartsOnRenewWhenACertificateFromACAIsInUse() throws {
        var wizard = try WizardHarness(browsing: SandboxSetUp.caIssuedInForce)
        defer { wizard.cleanUp() }
        #expect(wizard.model.shared.canRenew)
        #expect(wizard.model.start.choice == .renew, "TLS is set up: renewing is the likely errand")
        let screen = WizardView.render(wizard.model)
        let rows = screen.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(rows.firstIndex { $0.contains("[ Renew the certificate ]") })
        let column = try #require(rows[row].range(of: "[ Renew")).lowerBound.utf16Offset(in: rows[row])
        #expect(screen[column, row].style.reverse, "the Renew button is the highlighted one")
        // → stops at the last button: "→ Enter" renews as "Enter" does.
        wizard.press(.right, .enter)
        #expect((wizard.model.shared.path == .renew) && wizard.model.step == .files)
    }

    @Test func aSelfSignedPlaceholderStartsOnSetUp() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        #expect(wizard.model.shared.canRenew && wizard.model.start.choice == .setUp, "Debian's snakeoil is replaced, not renewed")
    }

    @Test func withoutTLSTheFooterOffersNoRenewAndF1ExplainsTheChoicesShown() throws {
        var wizard = try WizardHarness(browsing: SandboxSetUp.noTLS)
        defer { wizard.cleanUp() }
        #expect(!wizard.model.shared.canRenew)
        let footer = wizard.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!footer.contains("Renew"), "\(footer)")
        #expect(footer.contains("←→ Choose"), "\(footer)")
        wizard.press(.function(1))
        guard case .help(let title, let lines, _)? = wizard.model.overlay else { Issue.record("no help"); return }
        let text = lines.joined(separator: " ")
        #expect(title.contains("Start"), "\(title)")
        #expect(text.contains("Set up a certificate:") && text.contains("No certificate yet:"), "\(text)")
        #expect(!text.contains("Renew the certificate"), "no Renew button, no Renew in the help")
    }

    @Test func f1ExplainsRenewWhereItIsOffered() throws {
        var wizard = try WizardHarness(browsing: SandboxSetUp.caIssuedInForce)
        defer { wizard.cleanUp() }
        wizard.press(.function(1))
        let screen = wizard.screen
        #expect(screen.contains("Renew the certificate (TLS is set up)"), "\(screen)")
        #expect(!screen.contains("smtpd_tls_chain_files"), "F1 explains the choice, not a parameter")
    }

    @Test func theStepBarShowsEveryStepThePassphraseMarkedSkippedWhenItDoesNotApply() throws {
        var wizard = try WizardHarness(browsing: SandboxSetUp.plainPair)
        defer { wizard.cleanUp() }
        let bar = { (wizard: WizardHarness) in String(wizard.screen.split(separator: "\n")[1]) }
        for step in ["1 Directory", "2 Files", "3 Passphrase", "4 Levels", "5 Services", "6 Review"] {
            #expect(bar(wizard).contains(step), "\(bar(wizard))")
        }
        wizard.press(.enter, .enter)
        #expect(wizard.model.step == .files)
        #expect(bar(wizard).contains("-3 Passphrase"), "the key is not encrypted: \(bar(wizard))")
        wizard.press(.function(10))
        #expect(wizard.model.step == .levels, "the passphrase step is skipped")
    }
}

/// Keys: Ctrl-C, text fields, a refused F10.
@Suite struct WizardKeysTests {
    @Test func ctrlCInTheQuitDialogQuits() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        wizard.press(.control("c"))
        #expect(wizard.model.overlay.map { if case .confirmQuit = $0 { true } else { false } } == true)
        wizard.press(.control("c"))
        #expect(wizard.model.exitCode == WizardModel.abandonedExitCode)
    }

    @Test func textEntryScreensDoNotAdvertiseQOrQuestionMarkAndTypeThem() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        let footer = { (wizard: WizardHarness) in wizard.model.keyMap.footer(width: 200) }
        let advertisesLetters = { (footer: String) in footer.contains("q Quit") || footer.contains("F1/?") }
        #expect(advertisesLetters(footer(wizard)), "Start has no text field: q and ? work there")
        wizard.press(.enter)
        #expect(!advertisesLetters(footer(wizard)) && footer(wizard).contains("F1 Help") && footer(wizard).contains("^C Quit"), "\(footer(wizard))")
        wizard.press(.control("u"))
        wizard.type("q?")
        #expect(wizard.model.directory.field.value == "q?" && wizard.model.overlay == nil && wizard.model.exitCode == nil)
        wizard.press(.control("u"))
        wizard.type(wizard.sandbox.root + "/tls")
        wizard.press(.enter)
        #expect(wizard.model.step == .files)
        #expect(advertisesLetters(footer(wizard)) || footer(wizard).contains("k Key"), "the file list takes letters as keys")
        wizard.model.files.focus = .path
        #expect(!advertisesLetters(footer(wizard)) && !footer(wizard).contains("k Key"), "\(footer(wizard))")
        wizard.model.files.focus = .files
        wizard.press(.function(10))
        #expect(wizard.model.step == .passphrase)
        #expect(!advertisesLetters(footer(wizard)), "\(footer(wizard))")
        wizard.type("q?")
        #expect(wizard.model.passphrase.length == 2)
    }

    @Test func theServicesListenFieldTypesSpacesAndLetters() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.walkToServices()
        #expect(wizard.model.step == .services)
        wizard.model.services.focus = 1
        #expect(!wizard.model.keyMap.footer(width: 200).contains("Space"), "Space types into the field")
        #expect(!wizard.model.keyMap.footer(width: 200).contains("q Quit"))
    }

    @Test func aRefusedF10LeavesTheFocusInTheFieldBeingTypedIn() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.left, .enter)
        #expect(wizard.model.step == .request)
        wizard.press(.tab, .tab)
        #expect(wizard.model.request.focus == .directory)
        wizard.press(.control("u"))
        wizard.type("/tmp")
        wizard.press(.function(10))
        #expect(wizard.model.step == .request)
        #expect(wizard.model.message?.style == .error, "\(wizard.model.message?.text ?? "")")
        #expect(wizard.model.request.focus == .directory, "still in the field, to correct it")
    }

    @Test func aSuggestionArrivingWhileAPathIsTypedLeavesTheFocusThere() throws {
        var wizard = try WizardHarness(browsing: SandboxSetUp.plainPair)
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        wizard.model.files.assignment = FileAssignment()
        wizard.model.files.focus = .path
        wizard.press(.control("u"))
        wizard.type(wizard.sandbox.incoming)
        wizard.press(.enter)
        #expect(wizard.model.files.assignment.certificate != nil, "the folder's files were suggested")
        #expect(wizard.model.files.focus == .path)
    }
}

/// Files: `/` finds a name; the letters typed are the name, never the one-letter commands.
@Suite struct WizardFilesFindTests {
    /// The plain pair, and files whose names start with the step's command letters.
    static func pairAndNotes(_ layout: DemoSandboxBuilder.Layout) throws -> String {
        let folder = try SandboxSetUp.plainPair(layout)
        for name in ["ca-notes.txt", "ischia.txt", "sni.txt"] {
            try AtomicFileWriter().write(Array("not a certificate\n".utf8), to: folder + "/" + name, mode: 0o644)
        }
        return folder
    }

    @Test func lettersTypedAfterSlashMoveTheHighlightAndAssignNothing() throws {
        var wizard = try WizardHarness(browsing: Self.pairAndNotes)
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        #expect(wizard.model.step == .files)
        let before = wizard.model.files.assignment
        #expect(before.certificate?.hasSuffix("/cert.pem") == true && before.key?.hasSuffix("/key.pem") == true)
        wizard.press(.character("/"))
        #expect(wizard.model.files.find != nil && wizard.model.files.focus == .files)
        #expect(!wizard.model.keyMap.footer(width: 200).contains("k Key"), "the letters are the name's while finding")
        // i, s and c are the intermediate, SNI and certificate keys outside the field.
        wizard.type("isc")
        let files = try #require(wizard.model.files.listing?.files)
        #expect(files[wizard.model.files.fileCursor.selected] == "ischia.txt")
        #expect(wizard.model.files.assignment == before && wizard.model.files.sniPicker == nil && wizard.model.overlay == nil)
        #expect(wizard.screen.contains("Find: isc"), "\(wizard.screen)")
        wizard.type("zz")
        #expect(wizard.model.files.findFindsNothing && wizard.screen.contains("no such name"), "\(wizard.screen)")
        #expect(files[wizard.model.files.fileCursor.selected] == "ischia.txt", "no match keeps the highlight")
        wizard.press(.escape)
        #expect(wizard.model.files.find == nil && wizard.model.step == .files, "Esc closes the field, not the step")
        #expect(wizard.model.keyMap.footer(width: 200).contains("k Key"))
    }

    @Test func enterClosesTheFieldAndActsOnTheRowFound() throws {
        var wizard = try WizardHarness(browsing: Self.pairAndNotes)
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        wizard.model.files.assignment = FileAssignment()
        wizard.press(.character("/"))
        wizard.type("ERT")
        wizard.press(.enter)
        #expect(wizard.model.files.find == nil)
        #expect(wizard.model.files.assignment.certificate?.hasSuffix("/cert.pem") == true, "held, not only started with, letter case aside")
    }

    @Test func anArrowClosesTheFieldAndMoves() throws {
        var wizard = try WizardHarness(browsing: Self.pairAndNotes)
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        wizard.press(.character("/"))
        wizard.type("ca")
        let found = wizard.model.files.fileCursor.selected
        wizard.press(.down)
        #expect(wizard.model.files.find == nil && wizard.model.files.fileCursor.selected == found + 1)
    }

    @Test func theJapaneseFieldHasItsFullWidthColon() throws {
        var wizard = try WizardHarness(language: .ja, browsing: Self.pairAndNotes)
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        wizard.press(.character("/"))
        wizard.type("sni")
        #expect(wizard.screen.contains("検索：sni"), "\(wizard.screen)")
    }
}

/// "Still being checked" always ends: Next pressed before a check arrives goes on by itself.
@Suite struct WizardNextWaitsForChecksTests {
    @Test func nextPressedBeforeTheDirectoryCheckArrivesFollowsWhenItDoes() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        #expect(wizard.model.step == .directory)
        // A key typed and Enter pressed at once: the check of the new path has not arrived.
        var pending = wizard.model.update(.key(.backspace))
        pending += wizard.model.update(.key(.enter))
        #expect(wizard.model.step == .directory && wizard.model.message?.style != .error, "waiting, not refused")
        #expect(wizard.model.message?.text.contains("Next follows by itself") == true, "\(wizard.model.message?.text ?? "")")
        wizard.run(pending)
        #expect(wizard.model.step == .files, "the check arrived and allowed it")
    }

    @Test func f10PressedRightAfterRenewFollowsWhenTheFilesAreChecked() throws {
        var wizard = try WizardHarness { layout in
            let folder = layout.root + "/renewed"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let renewed = try CertificateFactory.issue(.server(SampleCertificateSet.hostname, days: 400), subjectKey: try SandboxSetUp.keyInForce(layout))
            try AtomicFileWriter().write(Array(renewed.pem.utf8), to: folder + "/renewed.pem", mode: 0o644)
            return folder
        }
        defer { wizard.cleanUp() }
        wizard.press(.right)
        var pending = wizard.model.update(.key(.enter))
        #expect(wizard.model.step == .files)
        pending += wizard.model.update(.key(.function(10)))
        #expect(wizard.model.step == .files && wizard.model.nextWhenChecked == .files)
        wizard.run(pending)
        #expect(wizard.model.step == .review, "\(wizard.model.message?.text ?? "")")
        #expect(wizard.model.review.plan != nil)
    }

    @Test func f10BeforeTheFolderIsReadFollowsWhenItsFilesAreSuggested() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        #expect(wizard.model.step == .files)
        // As on a slow disk: the folder's last file is not classified yet, nothing is suggested.
        let key = wizard.sandbox.incoming + "/mailkey.pem"
        wizard.model.files.assignment = FileAssignment()
        wizard.model.files.inspection = nil
        wizard.model.files.kinds[key] = nil
        wizard.model.files.pending = [key]
        wizard.press(.function(10))
        #expect(wizard.model.step == .files && wizard.model.message?.style != .error, "\(wizard.model.message?.text ?? "")")
        wizard.run(wizard.model.update(.classified(path: key, file: BrowserFile(kind: .encryptedKey))))
        #expect(wizard.model.step == .passphrase, "\(wizard.model.message?.text ?? "")")
    }

    @Test func aCheckThatFindsAnErrorSaysSoInsteadOfGoingOn() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        let unsafe = wizard.unsafeDirectory()
        var pending = wizard.model.update(.key(.control("u")))
        for character in unsafe { pending += wizard.model.update(.key(.character(character))) }
        pending += wizard.model.update(.key(.function(10)))
        wizard.run(pending)
        #expect(wizard.model.step == .directory)
        #expect(wizard.model.message?.style == .error && wizard.model.message?.text.contains("Next is refused") == true, "\(wizard.model.message?.text ?? "")")
        // F1 shows that message whole (a cut one ends in "(F1)"), not only the step's help.
        wizard.press(.function(1))
        guard case .help(_, let lines, _)? = wizard.model.overlay else { Issue.record("no help"); return }
        #expect(lines.joined(separator: " ").contains("Next is refused"), "\(lines)")
    }

    @Test func anOpenHelpBoxIsWrappedAgainWhenTheScreenChangesSize() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter, .enter, .character("d"), .character("e"), .character("m"), .character("o"), .enter)
        #expect(wizard.model.step == .levels)
        wizard.press(.function(1))
        let lines = { (wizard: WizardHarness) -> [String] in
            guard case .help(_, let lines, _)? = wizard.model.overlay else { return [] }
            return lines
        }
        let narrow = lines(wizard)
        let widest = { (lines: [String]) in lines.map { ScreenBuffer.columns(of: $0) }.max() ?? 0 }
        #expect(!narrow.isEmpty && widest(narrow) <= 70)
        wizard.press(.pageDown)
        wizard.resize(120, 32)
        let wide = lines(wizard)
        #expect(widest(wide) > 70 && widest(wide) <= 110 && wide.count < narrow.count, "\(wide)")
        guard case .help(_, _, let offset)? = wizard.model.overlay else { Issue.record("the box closed"); return }
        #expect(offset > 0, "still scrolled into the text")
        #expect(!wizard.screen.contains("…\u{2502}"), "no row of the box is cut: \(wizard.screen)")
        wizard.resize(80, 24)
        #expect(lines(wizard) == narrow, "back at 80 columns, the lines it had")
    }

    @Test func theDedicatedBoxTickedUnderEncryptIsNotAnsweredAfterLeavingEncrypt() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter, .enter, .character("d"), .character("e"), .character("m"), .character("o"), .enter)
        #expect(wizard.model.step == .levels)
        wizard.model.levels.smtpd.select(try #require(Answers.smtpdLevels.firstIndex(of: "encrypt")))
        wizard.model.levels.dedicatedNonMX = true
        #expect(wizard.model.shared.draft.dedicatedNonMX)
        wizard.model.levels.smtpd.select(try #require(Answers.smtpdLevels.firstIndex(of: "may")))
        #expect(!wizard.model.shared.draft.dedicatedNonMX, "the saved answers would carry \"dedicatedNonMX\": true for may")
    }

    @Test func anEmptyDirectoryFieldIsSaidToBeEmpty() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        wizard.run(wizard.model.update(.key(.control("u"))) + wizard.model.update(.key(.function(10))))
        #expect(wizard.model.step == .directory)
        let messages = wizard.model.directory.findings.map(\.message)
        #expect(messages.contains("No certificate directory is given") && !messages.contains { $0.contains("not an absolute path") }, "\(messages)")
    }

    @Test func theDemoRefusesADirectoryOutsideItsSandbox() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        var pending = wizard.model.update(.key(.control("u")))
        for character in "/etc/postfix/tls" { pending += wizard.model.update(.key(.character(character))) }
        pending += wizard.model.update(.key(.function(10)))
        wizard.run(pending)
        #expect(wizard.model.step == .directory)
        #expect(wizard.model.directory.findings.contains { $0.code == .demoOutsideSandbox }, "\(wizard.model.directory.findings)")
        #expect(wizard.model.message?.text.contains("Next is refused") == true, "\(wizard.model.message?.text ?? "")")
    }

    @Test func onATooSmallScreenQuittingLosesWorkAsAConfirmedQuitDoes() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        _ = wizard.model.update(.resize(width: 70, height: 20))
        wizard.press(.enter, .character("x"))
        #expect(wizard.model.exitCode == nil && wizard.model.step == .directory, "other keys do nothing there")
        wizard.press(.character("q"))
        #expect(wizard.model.exitCode == WizardModel.abandonedExitCode, "work in progress is abandoned: 130, as after the dialog")

        var fresh = try WizardHarness()
        defer { fresh.cleanUp() }
        _ = fresh.model.update(.resize(width: 70, height: 20))
        fresh.press(.control("c"))
        #expect(fresh.model.exitCode == 0, "nothing to lose on the first screen")
    }

    @Test func anotherKeyCancelsTheWaitingNext() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter)
        var pending = wizard.model.update(.key(.backspace))
        pending += wizard.model.update(.key(.function(10)))
        pending += wizard.model.update(.key(.character("s")))
        wizard.run(pending)
        #expect(wizard.model.step == .directory, "the user went on typing")
    }
}

/// Radio lists behave alike everywhere: the arrows move the highlight, Space chooses.
@Suite struct WizardRadioListTests {
    @Test func theCSRKeyTypeMovesWithArrowsAndChoosesWithSpaceAsTheLevelsDo() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        // The Levels step, first.
        wizard.press(.enter, .enter, .enter)
        wizard.type("demo")
        wizard.press(.enter)
        #expect(wizard.model.step == .levels)
        let level = wizard.model.levels.smtpd.chosen
        wizard.press(.right)
        #expect(wizard.model.levels.smtpd.chosen == level, "an arrow moves, it does not choose")
        wizard.press(.character(" "))
        #expect(wizard.model.levels.smtpd.chosen == level + 1, "Space chooses")

        var request = try WizardHarness()
        defer { request.cleanUp() }
        request.press(.left, .enter)
        #expect(request.model.step == .request)
        let type = request.model.request.keyType
        request.press(.down)
        #expect(request.model.request.focus == .keyType)
        request.press(.right)
        // The highlight may have entered on the chosen type: one more step leaves it.
        if RequestMaker.KeyType.allCases[request.model.request.keyTypes.cursor] == type { request.press(.right) }
        #expect(request.model.request.keyType == type, "an arrow moves, it does not choose")
        #expect(request.screen.contains("(•) \(type.rawValue)"))
        request.press(.character(" "))
        let highlighted = RequestMaker.KeyType.allCases[request.model.request.keyTypes.cursor]
        #expect(request.model.request.keyType == highlighted && highlighted != type, "Space chooses")
        // ↓ runs through the options and on to the next field, as in Levels.
        for _ in request.model.request.keyTypes.cursor..<RequestMaker.KeyType.allCases.count { request.press(.down) }
        #expect(request.model.request.focus == .directory)
    }
}

/// No text is cut at the right edge without a mark, at 80x24.
@Suite struct WizardCutTextTests {
    /// The rows from the one containing `start` on, indentation and wrapping undone.
    private func unwrapped(_ screen: String, from start: String, rows: Int) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let first = lines.firstIndex(where: { $0.contains(start) }) else { return "" }
        return lines[first..<min(lines.count, first + rows)].joined(separator: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    @Test func theScreenBufferMarksWhatItCuts() {
        var marked = ScreenBuffer(width: 10, height: 2)
        marked.cutMark = "…"
        marked.put("abcdefghijkl", x: 0, y: 0)
        marked.put("日本語のテキスト", x: 0, y: 1, limit: 7)
        #expect(marked.text == "abcdefghi…\n日本語…\n")
        var fits = ScreenBuffer(width: 10, height: 1)
        fits.cutMark = "…"
        fits.put("abcdefghij", x: 0, y: 0)
        #expect(fits.text == "abcdefghij\n", "text that fits is not marked")
    }

    @Test func theServicesQuestionAndTheFilesRolesAreShownWhole() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        #expect(unwrapped(wizard.screen, from: " Key: ", rows: 2).contains("Intermediates: cacert.pem"), "\(wizard.screen)")
        wizard.press(.enter)
        wizard.type("demo")
        wizard.press(.enter, .enter)
        #expect(wizard.model.step == .services)
        let top = unwrapped(wizard.screen, from: "Which services", rows: 4)
        #expect(top.contains("the listen address is optional") && top.contains("else all addresses)."), "\(wizard.screen)")
    }

    @Test func aFindingCutToItsLastRowIsMarked() {
        var screen = ScreenBuffer(width: 60, height: 3)
        let findings = [Finding(.incompleteChain, .warning, file: "/x/mail_signed_cert.pem", message: String(repeating: "the chain stops here ", count: 5), hint: ""),
                        Finding(.selfSigned, .warning, file: nil, message: "self-signed", hint: "")]
        FindingList(findings).draw(into: &screen, x: 0, y: 0, width: 58, maxRows: 1, glyphs: .unicode)
        let rows = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[0].contains("[incomplete-chain]") && rows[0].hasSuffix("… (F1)"), "\(screen.text)")
        #expect(rows[1].isEmpty, "nothing past the rows given")
    }

    /// A leaf without its intermediate is `intermediate-missing` now, the line the walk found cut.
    @Test func theMissingIntermediateLineUnderTheEncryptedKeyNoteIsWholeOrMarked() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.press(.enter, .enter)
        wizard.model.files.assignment.intermediates = []
        wizard.run(wizard.model.inspectAssignment())
        let lines = wizard.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("[intermediate-missing]") }, "\(wizard.screen)")
        let finding = try #require(wizard.model.files.inspection?.findings.first { $0.code == .intermediateMissing })
        let shown = lines[row...].prefix(2).joined(separator: " ").split(separator: " ").joined(separator: " ")
        let whole = finding.message.split(separator: " ").joined(separator: " ")
        #expect(shown.contains(whole) || shown.contains("… (F1)"), "\(wizard.screen)")
    }

    @Test func aLongRefusalEndsMarkedAndF1ShowsItWhole() throws {
        var wizard = try WizardHarness()
        defer { wizard.cleanUp() }
        wizard.model.message = (String(repeating: "a refusal that goes on and on ", count: 12), .error)
        let rows = wizard.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[rows.count - 3].hasSuffix("… (F1)"), "\(wizard.screen)")
    }
}

/// The Result screen says again which warnings stand.
@Suite struct WizardResultWarningsTests {
    @Test func theResultRepeatsTheWarningsThatRemain() throws {
        var wizard = try WizardHarness.atReview()
        defer { wizard.cleanUp() }
        #expect(wizard.model.step == .review)
        let warnings = try #require(wizard.model.review.plan?.findings.filter { $0.severity == .warning })
        #expect(!warnings.isEmpty, "the demo has no SASL back end")
        wizard.press(.enter)
        let lines = try #require(wizard.model.result?.lines).joined(separator: "\n")
        #expect(lines.contains("Warnings that remain (\(warnings.count)):"), "\(lines)")
        for warning in warnings { #expect(lines.contains("[\(warning.code)]")) }
    }
}
