/// The main.cf settings that name the mail domains a host receives for.
public enum MailDomainSettings {
    /// The parameters `MailHostNames.mailDomains` reads; `ConfigQuery` asks for them.
    public static let parameters = ["mydomain", "mydestination", "virtual_mailbox_domains", "virtual_alias_domains", "relay_domains"]
}
