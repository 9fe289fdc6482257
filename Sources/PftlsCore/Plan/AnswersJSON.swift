import FoundationEssentials
import Glibc

/// Reads and writes the answers file of `pftls apply`.
///
/// Unknown keys and bad values are errors that name the key, so a typo never
/// silently falls back to a default.
public enum AnswersJSON {
    /// A problem in the answers file.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    static let required = ["certificateDirectory", "privateKey", "certificate", "intermediates",
                           "smtpdSecurityLevel", "smtpSecurityLevel", "services"]
    static let optional = ["layout", "hostname", "dedicatedNonMX", "smtpdCAfile", "names", "privateCA", "dovecot", "additionalKey", "sni"]

    /// Parses answers from JSON bytes; `file` names the file in messages.
    public static func parse(_ data: [UInt8], file: String) throws(Failure) -> Answers {
        let where_ = SafeText.escape(file)
        // An answers file nests five levels (the object, sni, an entry, its additionalKey, its intermediates).
        let depth = JSONValue.nestingDepth(of: data)
        guard depth <= 8 else {
            throw Failure(description: Catalog.text("answers.too-deep", ["file": where_, "depth": "\(depth)"]))
        }
        guard let root = JSONValue.parse(data)?.object else {
            throw Failure(description: Catalog.text("answers.notObject", ["file": "\(where_)"]))
        }
        if let twice = JSONDuplicateKeys.first(in: data) {
            throw Failure(description: Catalog.text("answers.duplicateKey", ["file": "\(where_)", "key": "\(SafeText.escape(twice))"]))
        }
        for key in root.keys.sorted() where !(required + optional).contains(key) {
            throw Failure(description: Catalog.text("answers.unknownKey", ["file": "\(where_)", "key": "\(SafeText.escape(key))", "knownKeys": "\((required + optional).joinedAsList())"]))
        }
        for key in required where root[key] == nil {
            throw Failure(description: Catalog.text("answers.missingKey", ["file": "\(where_)", "key": "\(key)"]))
        }
        let reader = Reader(root: root, file: where_)
        let directory = try reader.string("certificateDirectory")
        guard directory.hasPrefix("/") else {
            throw Failure(description: Catalog.text("answers.directoryNotAbsolute", ["file": "\(where_)", "directory": "\(SafeText.escape(directory))"]))
        }
        var answers = Answers(
            certificateDirectory: directory,
            privateKey: try reader.string("privateKey"),
            certificate: try reader.string("certificate"),
            intermediates: try reader.strings("intermediates"),
            smtpdSecurityLevel: try reader.choice("smtpdSecurityLevel", Answers.smtpdLevels),
            smtpSecurityLevel: try reader.choice("smtpSecurityLevel", Answers.smtpLevels),
            services: try reader.services(),
            layout: try reader.optionalChoice("layout", Answers.Layout.allCases.map(\.rawValue)).flatMap(Answers.Layout.init(rawValue:)),
            hostname: try reader.optionalString("hostname"),
            dedicatedNonMX: try reader.bool("dedicatedNonMX"),
            smtpdCAfile: try reader.bool("smtpdCAfile"))
        if root["names"] != nil { answers.names = try reader.strings("names") }
        answers.privateCA = try reader.bool("privateCA")
        answers.dovecot = try reader.dovecot()
        answers.additionalKey = try reader.optionalKeySource("additionalKey")
        answers.sni = try reader.sniEntries()
        return answers
    }

    /// The answers as pretty JSON, keys sorted; it holds no secret.
    public static func render(_ answers: Answers) -> String {
        var root: [String: JSONValue] = [
            "certificateDirectory": .string(answers.certificateDirectory), "privateKey": .string(answers.privateKey),
            "certificate": .string(answers.certificate), "intermediates": .array(answers.intermediates.map(JSONValue.string)),
            "smtpdSecurityLevel": .string(answers.smtpdSecurityLevel), "smtpSecurityLevel": .string(answers.smtpSecurityLevel),
            "services": .array(answers.services.map { service in
                var entry: [String: JSONValue] = ["name": .string(service.name.rawValue)]
                if let listen = service.listen { entry["listen"] = .string(listen) }
                return .object(entry)
            }),
        ]
        if let layout = answers.layout { root["layout"] = .string(layout.rawValue) }
        if let hostname = answers.hostname { root["hostname"] = .string(hostname) }
        if answers.dedicatedNonMX { root["dedicatedNonMX"] = true }
        if answers.smtpdCAfile { root["smtpdCAfile"] = true }
        if answers.privateCA { root["privateCA"] = true }
        if let dovecot = answers.dovecot {
            root["dovecot"] = dovecot.configFile.map { .object(["config": .string($0)]) } ?? .bool(dovecot.included)
        }
        if !answers.names.isEmpty { root["names"] = .array(answers.names.map(JSONValue.string)) }
        if let additional = answers.additionalKey { root["additionalKey"] = render(additional) }
        if !answers.sni.isEmpty {
            root["sni"] = .array(answers.sni.map { entry in
                var object: [String: JSONValue] = ["names": .array(entry.names.map(JSONValue.string))]
                if case .object(let key)? = Optional(render(entry.key)) { object.merge(key) { first, _ in first } }
                if let additional = entry.additionalKey { object["additionalKey"] = render(additional) }
                return .object(object)
            })
        }
        return JSONValue.object(root).rendered
    }

    private static func render(_ key: KeySource) -> JSONValue {
        .object(["privateKey": .string(key.privateKey), "certificate": .string(key.certificate),
                 "intermediates": .array(key.intermediates.map(JSONValue.string))])
    }

    private struct Reader {
        let root: [String: JSONValue]
        let file: String
        /// Where this object is in the file (`sni[0].`), before each key in messages.
        var prefix = ""

        func fail(_ key: String, _ problem: String) -> Failure {
            Failure(description: Catalog.text("answers.field-problem", ["file": file, "key": prefix + key, "problem": problem]))
        }

        /// The object at `key` as a reader of its own, its keys limited to `allowed`.
        func nested(_ key: String, allowed: [String]) throws(Failure) -> Reader {
            guard let object = root[key]?.object else { throw fail(key, Catalog.text("answers.value.key-object")) }
            for extra in object.keys.sorted() where !allowed.contains(extra) {
                throw Failure(description: Catalog.text("answers.unknownKey", ["file": file, "key": prefix + key + "." + SafeText.escape(extra),
                                                                            "knownKeys": allowed.joinedAsList()]))
            }
            return Reader(root: object, file: file, prefix: prefix + key + ".")
        }

        static let keySourceKeys = ["privateKey", "certificate", "intermediates"]

        /// A key with its certificate and intermediates, read from this object.
        func keySource() throws(Failure) -> KeySource {
            KeySource(privateKey: try string("privateKey"), certificate: try string("certificate"),
                      intermediates: root["intermediates"] == nil ? [] : try strings("intermediates"))
        }

        /// `"additionalKey": {"privateKey", "certificate", "intermediates"}`.
        func optionalKeySource(_ key: String) throws(Failure) -> KeySource? {
            guard root[key] != nil else { return nil }
            return try nested(key, allowed: Self.keySourceKeys).keySource()
        }

        /// `"sni": [{"names": [...], "privateKey", "certificate", "intermediates", "additionalKey"}]`.
        func sniEntries() throws(Failure) -> [SNIAnswer] {
            guard let list = root["sni"] else { return [] }
            guard case .array(let items) = list else { throw fail("sni", Catalog.text("answers.value.sni-list")) }
            var entries: [SNIAnswer] = []
            var seen = Set<String>()
            for index in items.indices {
                let outer = Reader(root: ["sni[\(index)]": items[index]], file: file, prefix: prefix)
                let entry = try outer.nested("sni[\(index)]", allowed: ["names", "additionalKey"] + Self.keySourceKeys)
                let names = try entry.strings("names").map { $0.lowercased() }
                if let problem = names.lazy.compactMap(SNIAnswer.problem(with:)).first { throw entry.fail("names", problem) }
                if let repeated = names.first(where: { !seen.insert($0).inserted }) {
                    throw entry.fail("names", Catalog.text("answers.value.sni-name-repeated", ["name": SafeText.escape(repeated)]))
                }
                entries.append(SNIAnswer(names: names, key: try entry.keySource(), additionalKey: try entry.optionalKeySource("additionalKey")))
            }
            return entries
        }

        func string(_ key: String) throws(Failure) -> String {
            guard let value = root[key]?.string, !value.isEmpty else { throw fail(key, Catalog.text("answers.value.nonEmptyString")) }
            return value
        }

        func optionalString(_ key: String) throws(Failure) -> String? {
            guard root[key] != nil else { return nil }
            return try string(key)
        }

        func strings(_ key: String) throws(Failure) -> [String] {
            guard let values = root[key]?.array, case let strings = values.compactMap(\.string), strings.count == values.count,
                  !strings.contains(where: \.isEmpty) else {
                throw fail(key, Catalog.text("answers.value.pathList"))
            }
            return strings
        }

        /// `"dovecot"`: a boolean, or an object whose only key is `config`, an absolute path.
        func dovecot() throws(Failure) -> Answers.DovecotChoice? {
            switch root["dovecot"] {
            case nil: return nil
            case .bool(let flag)?: return flag ? .standardConfig : .no
            case .object(let object)? where object.keys.sorted() == ["config"]:
                guard let path = object["config"]?.string, path.hasPrefix("/") else {
                    throw fail("dovecot", Catalog.text("answers.value.dovecot-config-path"))
                }
                return .config(path)
            default: throw fail("dovecot", Catalog.text("answers.value.dovecot"))
            }
        }

        func bool(_ key: String) throws(Failure) -> Bool {
            guard let value = root[key] else { return false }
            // Only JSON true and false: the number 1 is not a yes.
            guard case .bool(let flag) = value else { throw fail(key, Catalog.text("answers.value.boolean")) }
            return flag
        }

        func choice(_ key: String, _ allowed: [String]) throws(Failure) -> String {
            let value = try string(key)
            guard allowed.contains(value) else {
                throw fail(key, Catalog.text("answers.value.notAllowed", ["given": "\(SafeText.escape(value))", "allowed": "\(allowed.joinedAsList())"]))
            }
            return value
        }

        func optionalChoice(_ key: String, _ allowed: [String]) throws(Failure) -> String? {
            guard root[key] != nil else { return nil }
            return try choice(key, allowed)
        }

        func services() throws(Failure) -> [Answers.Service] {
            guard let list = root["services"]?.array else { throw fail("services", Catalog.text("answers.services.notList")) }
            var result: [Answers.Service] = []
            for (index, item) in list.enumerated() {
                let key = "services[\(index)]"
                guard let entry = item.object else { throw fail(key, Catalog.text("answers.services.notObject")) }
                for extra in entry.keys.sorted() where extra != "name" && extra != "listen" {
                    throw fail("\(key).\(SafeText.escape(extra))", Catalog.text("answers.services.unknownKey"))
                }
                let names = Answers.ServiceName.allCases.map(\.rawValue)
                guard let raw = entry["name"]?.string, let name = Answers.ServiceName(rawValue: raw) else {
                    throw fail("\(key).name", Catalog.text("answers.services.unknownName", ["names": "\(names.joinedAsList())"]))
                }
                var listen: String?
                if let value = entry["listen"] {
                    guard let text = value.string else {
                        throw fail("\(key).listen", Catalog.text("answers.services.listenFormat"))
                    }
                    if let problem = ListenAddress.problem(with: text) {
                        throw fail("\(key).listen", Catalog.text("answers.services.listenUnusable", ["problem": "\(problem)"]))
                    }
                    listen = text
                }
                if result.contains(where: { $0.name == name }) { throw fail(key, Catalog.text("answers.services.repeated", ["service": "\(raw)"])) }
                if let listen, let other = result.first(where: { $0.listen.map { ServiceKey($0, "inet") == ServiceKey(listen, "inet") } == true }) {
                    throw fail("\(key).listen", Catalog.text("answers.services.listenShared", ["service": "\(other.name.rawValue)"]))
                }
                result.append(Answers.Service(name: name, listen: listen))
            }
            guard !result.isEmpty else { throw fail("services", Catalog.text("answers.services.none")) }
            return result
        }
    }
}
