import PftlsCore

/// The whole wizard as a value: the current step, every step's state, and what
/// is shown over it. `update` changes it; `WizardView` draws it.
public struct WizardModel {
    public let context: WizardContext
    public var step: StepID = .start
    public var width: Int
    public var height: Int
    public var installation: PostfixInstallation?
    public var summary: PostfixSummary?
    public var directory: DirectoryStepState
    public var files = FilesStepState()
    public var passphrase = PassphraseStepState()
    public var levels = LevelsStepState()
    public var services = ServicesStepState()
    public var review = ReviewStepState()
    public var result: ResultStepState?
    public var overlay: Overlay?
    /// The status line: why Next was refused, what was saved, ...
    public var message: (text: String, style: Style)?
    /// Set when the program should end, with this exit status.
    public var exitCode: Int32?
    /// Steps the user has been on (for the step bar).
    public var visited: Set<StepID> = [.start]
    /// True when the Start screen's "Renew the certificate" was chosen.
    public var renewing = false
    /// What Start's buttons offer.
    public enum StartChoice: Sendable, Equatable { case setUp, renew, request }
    /// The Start button chosen.
    public var startChoice: StartChoice = .setUp
    /// True once the user moved among Start's buttons: the focus is theirs from then on.
    var startChoiceMoved = false
    /// The step on which Next was asked for while its check was on its way: it goes on by
    /// itself once the check arrives, so "still being checked" always ends.
    var nextWhenChecked: StepID?
    /// True when "I have no certificate yet" was chosen: a key and CSR are made.
    public var requesting = false
    public var request = RequestStepState()

    /// A wizard at the Start screen, `width` x `height`.
    public init(context: WizardContext, width: Int = 80, height: Int = 24) {
        self.context = context
        self.width = width
        self.height = height
        let initial = context.demo.map { $0.root + "/tls" } ?? context.configDirectory
        directory = DirectoryStepState(initial: initial)
        levels.layout = .chainFile
    }

    /// The work to start with: detect Postfix and open the browser's directory.
    public var initialEffects: [Effect] {
        [.detectPostfix(configDirectory: context.configDirectory), .list(directory: context.browseDirectory),
         .checkDirectory(directory.field.value)]
    }

    /// True while the terminal is big enough to draw the wizard.
    public var fitsScreen: Bool { width >= 80 && height >= 24 }

    /// The exit status when the user quits and abandons the choices made (0 when
    /// there was nothing to lose).
    public static let abandonedExitCode: Int32 = 130

    /// True when quitting now would lose choices made.
    var hasUnsavedWork: Bool { step > .start && step < .result }

    /// True when the key is encrypted, so the passphrase step applies.
    var needsPassphraseStep: Bool { files.inspection?.keyIsEncrypted == true }

    /// True when a set-up is in force that can be renewed.
    var canRenew: Bool { summary?.renewal != nil }

    /// Start's buttons in the order of a certificate's life: no certificate yet, set up,
    /// and renew when there is a set-up to renew.
    var startChoices: [StartChoice] { canRenew ? [.request, .setUp, .renew] : [.request, .setUp] }

    /// True when TLS is set up with a certificate from a CA: Start's focus begins on Renew.
    /// A self-signed placeholder (Debian's snakeoil) is set up rather than renewed.
    var setUpIsRenewable: Bool { canRenew && summary?.currentLeaf?.isSelfSigned == false }

    /// The steps shown in the bar, passphrase only when it applies; renewal skips
    /// the choices that stay as they are (directory, levels, services).
    var shownSteps: [StepID] {
        if requesting { return [.start, .request] }
        return StepID.allCases.filter { id in
            id != .result && id != .request && (id != .passphrase || needsPassphraseStep)
                && (!renewing || ![.directory, .levels, .services].contains(id))
        }
    }

    /// The steps the bar shows: every step of the path, the passphrase step included even
    /// when the key is not encrypted (marked skipped then), so the numbers never jump.
    var barSteps: [StepID] {
        requesting ? shownSteps : (shownSteps + [.passphrase]).reduce(into: [StepID]()) { if !$0.contains($1) { $0.append($1) } }.sorted()
    }

    /// The state of `id` for the step bar.
    public func state(of id: StepID) -> StepState {
        if id == step { return .current }
        // Known not to apply: the files chosen hold no encrypted key.
        if id == .passphrase, visited.contains(.files), !needsPassphraseStep, currentInspection != nil { return .skipped }
        guard visited.contains(id) else { return .pending }
        return id.behaviour.barState(self)
    }

    /// The files to inspect: on renewal without a new key, the key in use.
    var effectiveAssignment: FileAssignment {
        var assignment = files.assignment
        if renewing { assignment.key = renewalKey ?? summary?.renewal?.privateKey }
        return assignment
    }

    /// True on a renewal that keeps the key in use (no new key given).
    var keepsKeyInUse: Bool { renewing && renewalKey == nil }

    /// On renewal, the new key: the one picked, or the certificate file itself when it
    /// holds its key too (a key-and-certificates bundle, a PKCS#12 file); nil keeps the key in use.
    private var renewalKey: String? {
        if let key = files.assignment.key { return key }
        guard let certificate = files.assignment.certificate, let kind = files.kinds[certificate]?.kind else { return nil }
        return kind == .keyAndCertificates || kind == .pkcs12 ? certificate : nil
    }

    /// The renewal the files picked ask for: the new certificate and intermediates, and a
    /// new key or none (the key in use is kept); nil unless renewing with a certificate picked.
    var renewalRequest: RenewalRequest? {
        guard renewing, let certificate = files.assignment.certificate else { return nil }
        return RenewalRequest(key: renewalKey, certificate: certificate, chain: files.assignment.intermediates)
    }

    /// The inspection of the files to inspect now, or nil while it is on its way. An older
    /// one (for other files, or from before Renew was chosen) is never shown or trusted.
    var currentInspection: FilesInspection? {
        guard let inspection = files.inspection, inspection.assignment == effectiveAssignment else { return nil }
        return inspection
    }

    /// The answers so far, as `pftls apply` would read them.
    public func answers() -> Answers? {
        if let request = renewalRequest, let inForce = summary?.renewal {
            var answers = request.answers(replacing: inForce)
            answers.privateCA = files.assignment.privateCA
            return answers
        }
        guard let key = files.assignment.key, let certificate = files.assignment.certificate,
              case .success(let chosen) = services.services() else { return nil }
        var answers = Answers(certificateDirectory: directory.field.value, privateKey: key, certificate: certificate,
                              intermediates: files.assignment.intermediates, smtpdSecurityLevel: levels.smtpdLevel,
                              smtpSecurityLevel: levels.smtpLevel, services: chosen, layout: levels.layout,
                              hostname: context.demo != nil ? SampleCertificateSet.hostname : nil, dedicatedNonMX: levels.dedicatedNonMX)
        answers.privateCA = files.assignment.privateCA
        return answers
    }

    /// The passphrase that opened the key, if it was encrypted.
    var acceptedPassphrase: SecretBytes? { passphrase.passphrase(for: effectiveAssignment.key) ?? files.inspection?.passphrase }
}
