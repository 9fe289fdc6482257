import Foundation
import Testing
import PftlsTestSupport

/// A terminal that hangs up without a SIGHUP reaching pftls (it is not pftls' controlling
/// terminal, or the signal went to a process in between that is gone): pftls must end as
/// a hang-up would end it, not poll the dead terminal at full speed.
@Suite(.tags(.endToEnd)) struct WizardHangUpTests {
    /// Runs the demo in a session of its own on a pseudo-terminal that is not its controlling
    /// terminal, closes the terminal once the first screen is up, and reports whether pftls
    /// ended within 10 s (it is killed if not) and its exit status.
    private static let script = #"""
    import fcntl, json, os, select, struct, subprocess, sys, termios, time
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([sys.argv[1], "demo"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    seen, end = b"", time.time() + 30
    while b"Set up a certificate" not in seen and time.time() < end:
        if select.select([master], [], [], 1)[0]:
            seen += os.read(master, 65536)
    os.close(master)
    try:
        proc.wait(timeout=10)
        ended = True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        ended = False
    print(json.dumps({"screen": b"Set up a certificate" in seen, "ended": ended, "status": proc.returncode}))
    """#

    @Test func aHangUpWithoutSIGHUPEndsTheSessionAsAHangUp() throws {
        let tmp = TemporaryDirectory.create("pftls-hangup")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let run = Shell.run("env", ["TERM=xterm-256color", "LANG=C.UTF-8", "TMPDIR=\(tmp)", "PFTLS_RESOLVER=none",
                                    "PFTLS_STATE_DIR=\(Pftls.stateDirectory)", "python3", "-c", Self.script, Pftls.executable])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output) \(run.error)")
        #expect(report["screen"] as? Bool == true, "the first screen came: \(report)")
        #expect(report["ended"] as? Bool == true, "pftls ended after its terminal hung up: \(report)")
        #expect(report["status"] as? Int == 129, "as SIGHUP would have ended it (128 + 1): \(report)")
    }
}
