import Testing
@testable import PftlsCore

/// Which of Dovecot's two pairs each new pair of a change takes.
@Suite struct DovecotSlotsTests {
    typealias Current = DovecotSlots.Current

    @Test func aFirstInstallTakesTheFirstPairAndASecondKeyTypeTheAlternate() {
        #expect(DovecotSlots.assign([.rsa], current: Current(primary: .rsa), keptTypes: []) == [false])
        #expect(DovecotSlots.assign([.rsa, .ecdsa], current: Current(primary: .rsa), keptTypes: []) == [false, true])
        #expect(DovecotSlots.assign([.ecdsa, .rsa], current: Current(primary: .rsa), keptTypes: []) == [true, false], "each to the pair of its type")
        #expect(DovecotSlots.assign([.ecdsa], current: Current(), keptTypes: []) == [false], "a Dovecot without a readable pair")
    }

    @Test func aRenewalOfOneTypeReplacesThatTypesPairAndKeepsTheOther() {
        // Postfix keeps RSA: Dovecot's RSA pair stays, ECDSA goes beside it.
        #expect(DovecotSlots.assign([.ecdsa], current: Current(primary: .rsa), keptTypes: [.rsa]) == [true])
        #expect(DovecotSlots.assign([.ecdsa], current: Current(primary: .rsa, alternate: .ecdsa), keptTypes: [.rsa]) == [true])
        #expect(DovecotSlots.assign([.rsa], current: Current(primary: .rsa, alternate: .ecdsa), keptTypes: [.ecdsa]) == [false])
    }

    @Test func aPairOfATypePostfixNoLongerServesIsReplaced() {
        // Dovecot's first pair is an old ECDSA one Postfix does not serve: the RSA renewal replaces it.
        #expect(DovecotSlots.assign([.rsa], current: Current(primary: .ecdsa), keptTypes: []) == [false])
        // Both of Dovecot's pairs are types Postfix keeps (a third type comes): never both into one pair.
        #expect(DovecotSlots.assign([.eddsa, nil], current: Current(primary: .rsa, alternate: .ecdsa), keptTypes: [.rsa, .ecdsa]) == [false, true])
    }
}
