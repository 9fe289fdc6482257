extension DeployLedger {
    /// The certbot lineage (its `live/NAME` directory) that the newest record of
    /// `configDirectory` installing any of `files` names as their source; nil when that
    /// record names none (the files came from elsewhere), or no record installed them, or
    /// the ledger cannot be read.
    public func recordedCertbotLineage(configDirectory: String, files: [String]) -> String? {
        guard let records = try? records(configDirectory: configDirectory).records else { return nil }
        for record in records.reversed() where record.installedFiles {
            if let entry = record.installed.first(where: { files.contains($0.path) }) { return entry.source?.certbotLineage }
        }
        return nil
    }
}
