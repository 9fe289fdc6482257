import Testing

/// Parent suite of the main.cf / master.cf / diff tests, so that
/// `swift test --filter PostfixConfig` selects exactly them.
@Suite enum PostfixConfigTests {}
