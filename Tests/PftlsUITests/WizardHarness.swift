import Foundation
import PftlsCore
@testable import PftlsUI

/// Drives the wizard in memory: keys in, effects run synchronously, screens out.
struct WizardHarness {
    var model: WizardModel
    let runner: EffectRunner
    let sandbox: DemoSandboxBuilder.Layout
    let base: String
    /// The language every screen and message is made in, whatever the environment says.
    let language: Language

    /// A demo sandbox in a private temp directory, the wizard at `width` x `height`.
    /// `dns` answers the wizard's MX-name and DANE questions (none by default, as in the demo).
    /// `browsing` fills a folder of its own in the sandbox and returns it: the folder the
    /// wizard was started in (the sandbox's incoming folder by default). `anchors` are
    /// trusted beside the sandbox's own root (the CA of files `browsing` made).
    init(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode, language: Language = .en, dns: MailDNSCheck? = nil,
         trusting anchors: [Certificate] = [], browsing: ((DemoSandboxBuilder.Layout) throws -> String)? = nil) throws {
        self.language = language
        var template = Array((NSTemporaryDirectory() + "/pftls-ui-XXXXXX").utf8CString)
        base = String(cString: template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!)! })
        let (layout, set) = try DemoSandboxBuilder.build(in: base)
        sandbox = layout
        let context = WizardContext(configDirectory: layout.configDirectory,
                                    demo: DemoSandbox(root: layout.root, incoming: layout.incoming, passphrase: DemoSandboxBuilder.passphrase),
                                    browseDirectory: try browsing?(layout) ?? layout.incoming, glyphs: glyphs, trustedOwner: getuid(), dns: dns)
        runner = EffectRunner(context: context, trustStore: .trusting([set.root] + anchors))
        model = WizardModel(context: context, width: width, height: height)
        run(Catalog.withLanguage(language) { model.initialEffects })
    }

    /// Runs effects and feeds their events back until nothing is left to do.
    mutating func run(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            let events = Catalog.withLanguage(language) { runner.perform(effect) }
            for event in events { queue += Catalog.withLanguage(language) { model.update(event) } }
        }
    }

    /// From the start screen to the Services step of a new set-up with the demo's files.
    mutating func walkToServices() {
        press(.enter, .enter, .enter)
        type("demo")
        press(.enter, .enter)
    }

    mutating func press(_ keys: Key...) {
        for key in keys {
            let effects = Catalog.withLanguage(language) { model.update(.key(key)) }
            run(effects)
        }
    }

    mutating func type(_ text: String) {
        for character in text { press(.character(character)) }
    }

    mutating func resize(_ width: Int, _ height: Int) {
        let effects = Catalog.withLanguage(language) { model.update(.resize(width: width, height: height)) }
        run(effects)
    }

    /// The screen as text with run-specific parts (paths, times, fingerprints) made stable.
    var screen: String {
        var text = Catalog.withLanguage(language) { WizardView.render(model).text }
        // Paths may be cut at the screen edge, so match them by shape, not whole.
        for (pattern, replacement) in [(#"/tmp/+pftls-ui-[A-Za-z0-9]{0,6}"#, "/TMP/pftls-ui-XXXXXX"),
                                       // A line may end inside the temporary directory ("…、/tmp/").
                                       (#"pftls-ui-[A-Za-z0-9]{6}"#, "pftls-ui-XXXXXX"),
                                       (#"pftls-demo-[A-Za-z0-9]{1,6}"#, "pftls-demo-XXXXXX"),
                                       (#"20\d{6}T\d{1,6}Z?"#, "YYYYMMDDTHHMMSSZ"),
                                       (#"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, "YYYY-MM-DDTHH:MM:SSZ"),
                                       (#"([0-9A-F]{2}:){3,}[0-9A-F]{0,2}"#, "XX:XX:XX"),
                                       (#"in \d+ day"#, "in N day")] {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: base) }
}

/// Golden screens: Tests/PftlsUITests/Goldens/NAME.txt, rewritten only when
/// PFTLS_UPDATE_GOLDENS=1 (then read the diff before committing).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    /// nil when `screen` matches the golden `name`; otherwise a diff.
    static func mismatch(_ screen: String, _ name: String) -> String? {
        let file = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["PFTLS_UPDATE_GOLDENS"] == "1" {
            try? screen.write(to: file, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            return "no golden \(name).txt; run with PFTLS_UPDATE_GOLDENS=1 and review it.\n\(screen)"
        }
        return expected == screen ? nil : UnifiedDiff.make(old: expected, new: screen, oldLabel: "golden \(name)", newLabel: "screen")
    }
}
