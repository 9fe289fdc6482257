import Foundation
import Testing
@testable import PftlsCore
import PftlsTestSupport

/// The demo sandbox's seal: its restore.sh runs no Postfix command, `postfix check` runs on
/// it only where it stays inside, and suggested commands name a configuration that is not /etc/postfix.
@Suite struct SealedSandboxTests {
    @Test func aSealedRestoreScriptPutsTheFilesBackAndRunsNoPostfixCommand() throws {
        let root = FixtureDirectory()
        let config = root.write("main.cf", "biff = no\n")
        var backup = try BackupSet(root: root.file("backups"), configDirectory: root.path, certificateDirectory: root.file("tls"), stamp: "S")
        try backup.save(config, secret: false)
        try backup.save(root.file("new-chain.pem"), secret: false)
        FileManager.default.createFile(atPath: config, contents: Data("biff = yes\n".utf8))
        FileManager.default.createFile(atPath: root.file("new-chain.pem"), contents: Data("chain".utf8))
        #expect(backup.script(configDirectory: root.path).contains("postfix -c"), "an ordinary restore.sh reloads Postfix")

        // `postfix` stands in: it records what it is asked and refuses.
        try #require(mkdir(root.file("bin"), 0o755) == 0)
        try ExecutableScript.write("#!/bin/sh\necho \"$*\" >> \(root.file("calls"))\nexit 1\n", to: root.file("bin/postfix"))
        let script = root.write("restore.sh", backup.script(configDirectory: root.path, sealed: true))
        let result = try #require(try SystemProcessRunner().run("sh", ["-c", "PATH='\(root.file("bin"))':$PATH sh '\(script)'"]))
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(!FileManager.default.fileExists(atPath: root.file("calls")), "restore.sh ran postfix")
        #expect(String(decoding: FileManager.default.contents(atPath: config) ?? Data(), as: UTF8.self) == "biff = no\n")
        #expect(!FileManager.default.fileExists(atPath: root.file("new-chain.pem")))
    }

    @Test func postfixCheckIsNotRunOnASandboxThatNamesTheSystemsQueue() throws {
        let base = FixtureDirectory()
        let layout = try DemoSandboxBuilder.build(in: base.path).layout
        let processes = SystemProcessRunner()
        #expect(DemoSandboxSeal.isSealed(layout.configDirectory))
        #expect(!DemoSandboxSeal.isSealed(base.path))
        #expect(DemoSandboxSeal.postfixCheckStaysInside(layout.configDirectory, processes: processes) == (getuid() == 0))
        for outside in ["queue_directory=/var/spool/postfix", "data_directory=/var/lib/postfix", "maillog_file="] {
            let copy = base.file("conf-\(outside.prefix(4))")
            try #require(mkdir(copy, 0o700) == 0)
            for name in ["main.cf", "master.cf", DemoSandboxSeal.markerName] {
                try FileManager.default.copyItem(atPath: layout.configDirectory + "/" + name, toPath: copy + "/" + name)
            }
            let edit = try #require(try processes.run("postconf", ["-c", copy, "-e", outside]))
            try #require(edit.status == 0)
            ConfigFileAge.dateBack([copy + "/main.cf"])
            #expect(!DemoSandboxSeal.postfixCheckStaysInside(copy, processes: processes), "\(outside)")
            #expect(!DemoSandboxSeal.allowsPostfixCheck(copy, processes: processes), "\(outside)")
        }
        // A configuration without the marker is not the demo's: the seal does not decide for it.
        #expect(DemoSandboxSeal.allowsPostfixCheck(base.path, processes: processes))
    }

    @Test func aSuggestedApplyCommandNamesEveryConfigurationButTheStandardOne() {
        #expect(SuggestedCommand.apply(answers: "/root/pftls-answers.json", configDirectory: "/etc/postfix")
                == "pftls apply --answers /root/pftls-answers.json")
        #expect(SuggestedCommand.apply(answers: "/tmp/pftls-demo-Ab1/pftls-answers.json", configDirectory: "/tmp/pftls-demo-Ab1/conf")
                == "pftls apply --answers /tmp/pftls-demo-Ab1/pftls-answers.json --config-dir /tmp/pftls-demo-Ab1/conf")
        #expect(SuggestedCommand.apply(answers: "/srv/my answers's.json", configDirectory: "/etc/postfix-out")
                == "pftls apply --answers '/srv/my answers'\\''s.json' --config-dir /etc/postfix-out")
    }
}
