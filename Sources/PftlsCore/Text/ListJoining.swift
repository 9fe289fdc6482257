extension Sequence where Element == String {
    /// The items joined as a list in the current language: ", " in English, "、" in
    /// Japanese (the catalog's `list.separator`).
    public func joinedAsList() -> String {
        joined(separator: Catalog.text("list.separator"))
    }

    /// The sentences joined in the current language: a space between them in English,
    /// nothing in Japanese, where each already ends in 。 (`sentence.separator`).
    public func joinedAsSentences() -> String {
        joined(separator: Catalog.text("sentence.separator"))
    }
}
