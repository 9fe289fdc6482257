extension CaseIterable where Self: Equatable {
    /// The case `delta` places along, going round at either end: Tab and Shift-Tab
    /// through a screen's parts, ←→ through a row of buttons.
    func cycled(by delta: Int) -> Self {
        let all = Array(Self.allCases)
        guard let index = all.firstIndex(of: self) else { return self }
        return all[((index + delta) % all.count + all.count) % all.count]
    }
}
