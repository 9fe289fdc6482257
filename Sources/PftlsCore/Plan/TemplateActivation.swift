/// Uncomments a commented-out smtpd template in master.cf (Debian's or upstream's
/// `#submission`/`#smtps` blocks), leaving commented the option lines that would make
/// Postfix warn: those that refer to a parameter main.cf does not define (`$mua_*`) or
/// name one this Postfix does not know.
struct TemplateActivation {
    /// True when main.cf sets the parameter or Postfix has a default for it.
    let isDefined: (String) -> Bool
    /// True when this Postfix knows the parameter.
    let isKnown: (String) -> Bool

    /// Enables `template` under `name` in `config`; returns the findings for the lines kept
    /// commented, or nil (and `config` unchanged) when the template is not an smtpd entry:
    /// Debian's "#smtp inet ... postscreen" line would hand port 25 to postscreen, which
    /// needs services that stay commented out.
    func enable(_ template: ServiceKey, as name: String, in config: inout MasterConfig) throws -> [Finding]? {
        var candidate = config
        var kept: [(line: Int, option: MasterOption, undefined: [String])] = []
        try candidate.enable(template) { option, line in
            var undefined = ParameterReferences.names(in: option.value).filter { !isDefined($0) }
            if !isKnown(option.name) { undefined.insert(option.name, at: 0) }
            guard !undefined.isEmpty else { return false }
            kept.append((line, option, undefined))
            return true
        }
        guard var enabled = candidate.service(template), enabled.command == "smtpd" else { return nil }
        if template.name != name {
            enabled.name = name
            try candidate.replace(template, with: enabled)
        }
        config = candidate
        return kept.map { finding(line: $0.line, option: $0.option, undefined: $0.undefined, template: template) }
    }

    private func finding(line: Int, option: MasterOption, undefined: [String], template: ServiceKey) -> Finding {
        let reference = undefined.joinedAsList()
        let why = undefined.first == option.name ? Catalog.text("plan.template.unknownParameter", ["name": "\(SafeText.escape(option.name))"])
            : Catalog.text("plan.template.undefined", ["reference": "\(SafeText.escape(reference))"])
        return Finding(.templateOptionLeftCommented, .info, file: nil,
            message: Catalog.text("finding.templateOptionLeftCommented.message", ["line": "\(line)", "name": "\(SafeText.escape(option.name))", "optionValue": "\(SafeText.escape(option.value))", "template": "\(template)", "why": "\(why)"]),
            hint: option.name == "smtpd_client_restrictions"
                ? Catalog.text("plan.template.explicitValue")
                : Catalog.text("plan.template.defineToUse", ["reference": "\(SafeText.escape(reference))"]))
    }
}
