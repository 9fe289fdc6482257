import Foundation

/// New private (0700) directories with unique names, as mkdtemp(3) makes them.
package enum TemporaryDirectory {
    /// Makes `PARENT/PREFIX-XXXXXX` and returns its path; `parent` is $TMPDIR unless given.
    package static func create(_ prefix: String, under parent: String = NSTemporaryDirectory()) -> String {
        var template = Array((parent + "/" + prefix + "-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "mkdtemp \(parent)/\(prefix)-XXXXXX failed: errno \(errno)")
        return String(cString: template)
    }
}
