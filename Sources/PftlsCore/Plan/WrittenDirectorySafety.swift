import Glibc

extension PlanBuilder {
    /// `unsafe-directory` for each existing directory the plan writes into that the write
    /// would refuse (`DirectoryPins`): one another user owns or may write to, or that lies in
    /// one, walked through `..` as the write walks it. The plan says so before anything is
    /// written, where the write would stop only after the backup (a dry run, the wizard's Review).
    /// A directory still to be made is judged by the nearest one above it that exists, as the
    /// directories it will really lie in (links on the way resolved).
    /// `checked` are the directories `DirectorySafety` has judged already (the certificate and
    /// configuration directories), with its own words.
    static func unsafeWrittenDirectories(_ files: [PlannedFile], checked: Set<String>) -> [Finding] {
        let directories = Set(files.filter(\.changes).map { AtomicFileWriter.split($0.path).directory }).subtracting(checked).sorted()
        return directories.compactMap { directory in
            guard let checked = existing(directory), let problem = DirectoryPins.problem(at: checked) else { return nil }
            return Finding(.unsafeDirectory, .error, file: directory, message: SafeText.escape(directory) + ": " + problem,
                           hint: Catalog.text("finding.unsafeDirectory.written-hint"))
        }
    }

    /// `directory` when it exists, else the real path of the nearest directory above it that does.
    private static func existing(_ directory: String) -> String? {
        if access(directory, F_OK) == 0 { return directory }
        var above = directory
        while above != "/" && access(above, F_OK) != 0 { above = AtomicFileWriter.split(above).directory }
        guard let real = realpath(above, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
