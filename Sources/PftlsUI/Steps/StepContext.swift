import PftlsCore

/// What every step is told whenever it is asked anything: how the wizard was started,
/// the Postfix in place, where the step draws, and what the steps decided. Steps never
/// write each other's state: each adds what it decided here (`WizardStep.contribute`),
/// in the step list's order, and the others read it.
struct StepContext {
    /// How the wizard was started.
    let wizard: WizardContext
    /// Postfix as detected; nil until it is.
    var installation: PostfixInstallation?
    var summary: PostfixSummary?
    /// The step's area on screen, derived once from the terminal size: a step's key
    /// handling (how far to scroll) and its drawing read the same.
    var area: Rect
    /// The step on screen.
    var current: StepID
    /// The steps the user has been on.
    var visited: Set<StepID>
    /// How the wizard ended, once it has.
    var outcome: WizardOutcome?

    // What the steps decided, each part written by the step named.

    /// Start: setting up, renewing, or no certificate yet.
    var path: WizardPath = .setUp
    /// Files: the files to inspect now (on a renewal that keeps the key, the key in use).
    var filesToInspect = FileAssignment()
    /// Files: their inspection, once it is there for exactly these files.
    var inspection: FilesInspection?
    /// Passphrase: the key file a typed passphrase opened, and that passphrase.
    var openedKey: OpenedKey?
    /// Directory, Files, Levels and Services: the answers' fields.
    var draft = AnswersDraft()

    /// True when `id` is the step on screen.
    func isCurrent(_ id: StepID) -> Bool { current == id }

    /// True when a set-up is in force that can be renewed.
    var canRenew: Bool { summary?.renewal != nil }

    /// The passphrase that opened the key to install, when it is encrypted.
    var passphrase: SecretBytes? { openedKey?.passphrase(for: filesToInspect.key) }

    /// The answers so far, as `pftls apply` would read them; nil until they are whole.
    var answers: Answers? {
        draft.answers(inForce: summary?.renewal, maps: summary?.sniPresentation ?? ServerPresentation(pairs: [], maps: []), hostname: wizard.demo != nil ? SampleCertificateSet.hostname : nil)
    }
}

/// The path chosen on the Start screen.
enum WizardPath: Sendable, Equatable {
    /// Set up a certificate: every step.
    case setUp
    /// Renew the certificate in use: only the files change.
    case renew
    /// No certificate yet: make a key and a CSR.
    case request
}

/// A key file and the passphrase that opened it: a key picked later gets its own prompt.
struct OpenedKey {
    let file: String?
    let passphrase: SecretBytes

    /// The passphrase when `keyFile` is the file it opened, else nil.
    func passphrase(for keyFile: String?) -> SecretBytes? { keyFile != nil && keyFile == file ? passphrase : nil }
}

/// The answers' fields as the steps set them, whole or not.
struct AnswersDraft {
    /// Directory: where the key and certificate files go.
    var certificateDirectory = ""
    /// Files: the files picked for each part.
    var files = FileAssignment()
    /// Files: on a renewal, what it installs.
    var renewal: RenewalRequest?
    /// Files: a second key of the other type, served beside the first.
    var additionalKey: KeySource?
    /// Files: the SNI entry (a map key) the files renew instead of the default certificate.
    var sniEntry: String?
    /// Levels: the two security levels, the layout and the RFC 3207 answer.
    var smtpdLevel = "may"
    var smtpLevel = "may"
    var layout: Answers.Layout = .chainFile
    var dedicatedNonMX = false
    /// Services: the services chosen, or why they cannot be.
    var services: Result<[Answers.Service], StepProblem>?
    /// Services: whether Dovecot gets the same files; nil lets the plan decide (`DovecotRequest`).
    var dovecot: Answers.DovecotChoice?

    /// The answers, or nil until the key, the certificate and the services are there; a
    /// renewal replaces only the files of the set-up in force (`inForce`). With an SNI
    /// entry, the files go to that entry and the default certificate stays the one in
    /// force, as `pftls renew --sni` has it (`RenewalRequest.answers(replacing:slot:…)`,
    /// the entry looked up in `maps`); the second key goes beside the files, wherever they go.
    func answers(inForce: Answers?, maps: ServerPresentation, hostname: String?) -> Answers? {
        var answers: Answers
        let slot = sniEntry.map { RenewalSlot.sni(names: [$0]) } ?? .defaultPair
        if let renewal, let inForce {
            answers = renewal.answers(replacing: inForce, slot: slot, presentation: maps, newLeaf: nil)
        } else {
            guard let key = files.key, let certificate = files.certificate, case .success(let chosen)? = services else { return nil }
            answers = Answers(certificateDirectory: certificateDirectory, privateKey: key, certificate: certificate,
                              intermediates: files.intermediates, smtpdSecurityLevel: smtpdLevel, smtpSecurityLevel: smtpLevel,
                              services: chosen, layout: layout, hostname: hostname, dedicatedNonMX: dedicatedNonMX)
            if case .sni = slot, let inForce {
                // The default pair stays the one in force; the files chosen go to the entry.
                (answers.privateKey, answers.certificate, answers.intermediates) = (inForce.privateKey, inForce.certificate, inForce.intermediates)
                answers = RenewalRequest(key: key, certificate: certificate, chain: files.intermediates)
                    .answers(replacing: answers, slot: slot, presentation: maps, newLeaf: nil)
            }
        }
        if case .sni = slot, !answers.sni.isEmpty { answers.sni[0].additionalKey = additionalKey } else { answers.additionalKey = additionalKey }
        answers.privateCA = files.privateCA
        answers.dovecot = dovecot
        return answers
    }
}
