extension DovecotConfigFiles {
    /// Sets the global `key` (a flat name such as `ssl_cert` or `ssl_server_cert_file`) to
    /// `value`. The line Dovecot reads last for it is edited in place (2.4's
    /// `ssl_server { cert_file = … }` form counts); with none, a line is added after the
    /// last global line of one of `neighbours`, or at the end of the main file.
    ///
    /// A `protocol imap { ssl_cert = … }` line overrides the global one for that protocol's
    /// listeners, which serve the same names: it is set too. `local_name` and `local` blocks
    /// (other names, other addresses) are left as they are.
    public mutating func set(_ key: String, to value: String, after neighbours: [String]) {
        for setting in settings where setting.key == key && setting.scope.count == 1 && setting.scope[0].hasPrefix("protocol ") && setting.value != value {
            files[setting.file].replace(line: setting.line, with: Self.replacingValue(in: files[setting.file].lines[setting.line], with: value))
            replaceSetting(setting, value: value)
        }
        if let setting = settings.last(where: { Self.isGlobal($0, key) }) {
            guard setting.value != value else { return }
            files[setting.file].replace(line: setting.line, with: Self.replacingValue(in: files[setting.file].lines[setting.line], with: value))
            replaceSetting(setting, value: value)
            return
        }
        let anchor = settings.last { setting in neighbours.contains { Self.isGlobal(setting, $0) } && setting.scope.isEmpty }
        let file = anchor?.file ?? 0
        let line = anchor.map { $0.line + 1 } ?? files[0].lines.count
        let indent = anchor.map { String(files[$0.file].lines[$0.line].prefix { $0 == " " || $0 == "\t" }) } ?? ""
        files[file].insert(indent + key + " = " + value, at: line)
        settings = settings.map { $0.file == file && $0.line >= line ? $0.moved(by: 1) : $0 }
        settings.append(Setting(file: file, line: line, scope: [], key: key, value: value))
    }

    /// The files whose text now differs from what was read: path, old bytes, new bytes.
    public var changedFiles: [(path: String, old: [UInt8], new: [UInt8])] {
        files.compactMap { file in file.bytes == file.original ? nil : (file.path, file.original, file.bytes) }
    }

    /// The global settings still spelled the 2.3 way (`ssl_cert`), for a 2.4 that refuses them,
    /// with the line that replaces each: file, line number (from 1), the line, its replacement.
    public func outdatedLines() -> [(path: String, number: Int, line: String, replacement: String)] {
        settings.compactMap { setting in
            guard let renamed = Self.renamedIn24[setting.key] else { return nil }
            let line = files[setting.file].lines[setting.line]
            let value = renamed.hasSuffix("_file") ? DovecotSettingNames.path(setting.value) : setting.value
            return (files[setting.file].path, setting.line + 1, line.trimmingWhitespace(), renamed + " = " + value)
        }
    }

    /// 2.3 names 2.4 no longer knows, and their 2.4 names (2.3-to-2.4 upgrade notes).
    static let renamedIn24 = [
        "ssl_cert": "ssl_server_cert_file", "ssl_key": "ssl_server_key_file", "ssl_alt_cert": "ssl_server_alt_cert_file",
        "ssl_alt_key": "ssl_server_alt_key_file", "ssl_key_password": "ssl_server_key_password", "ssl_ca": "ssl_server_ca_file",
        "ssl_dh": "ssl_server_dh_file",
    ]

    private static func isGlobal(_ setting: Setting, _ key: String) -> Bool {
        if setting.scope.isEmpty { return setting.key == key }
        return key.hasPrefix("ssl_server_") && setting.scope == ["ssl_server"] && setting.key == String(key.dropFirst("ssl_server_".count))
    }

    /// `line` with the value after its `=` replaced, its indentation, spacing and comment kept.
    static func replacingValue(in line: String, with value: String) -> String {
        guard let equals = line.firstIndex(of: "=") else { return line }
        let head = line[...equals]
        let rest = String(line[line.index(after: equals)...])
        // A CRLF file keeps its CR.
        let end = rest.hasSuffix("\r") ? "\r" : ""
        let body = end.isEmpty ? rest : String(rest.dropLast())
        let comment = String(body.dropFirst(withoutComment(body).count))
        return head + " " + value + (comment.isEmpty ? "" : " " + comment) + end
    }

    private mutating func replaceSetting(_ old: Setting, value: String) {
        guard let index = settings.firstIndex(of: old) else { return }
        settings[index] = Setting(file: old.file, line: old.line, scope: old.scope, key: old.key, value: value)
    }
}

extension DovecotConfigFiles.Setting {
    /// The same setting `count` lines further down its file.
    func moved(by count: Int) -> Self { Self(file: file, line: line + count, scope: scope, key: key, value: value) }
}
