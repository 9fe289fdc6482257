import Testing
@testable import PftlsCore

/// `--subject` as RFC 4514 writes a name, and the rules the wizard's fields share.
@Suite struct RequestSubjectTests {
    private func parsed(_ text: String) throws -> [String] {
        try RequestSubject.parse(text).entries.map { "\($0.attribute.rawValue)=\($0.value)" }
    }

    private func reason(_ text: String) -> SubjectProblem.Reason? {
        do { _ = try RequestSubject.parse(text) } catch { return error.reason }
        return nil
    }

    @Test func escapesHexBytesBlanksTypesAndOrder() throws {
        #expect(try parsed("OU=IT,O=Example K.K.,L=Chiyoda-ku,ST=Tokyo,C=JP")
                == ["C=JP", "ST=Tokyo", "L=Chiyoda-ku", "O=Example K.K.", "OU=IT"], "X.509's order, whatever the order given")
        #expect(try parsed(#"O=A\,B\+C\"D\\E\;F\<G\>H\=I"#) == [#"O=A,B+C"D\E;F<G>H=I"#])
        #expect(try parsed(#"O=\E6\A0\AA\E5\BC\8F\E4\BC\9A\E7\A4\BE"#) == ["O=株式会社"])
        #expect(try parsed(#"O=\ padded\ , C = JP "#) == ["C=JP", "O= padded "], "escaped spaces stay, bare ones go")
        #expect(try parsed(##"O=\#1"##) == ["O=#1"])
        #expect(try parsed("organizationName=Example,2.5.4.6=JP,ou=A,OU=B") == ["C=JP", "O=Example", "OU=A", "OU=B"], "long names, OIDs, several units")
        #expect(try parsed("O=a=b") == ["O=a=b"])
    }

    @Test func whatIsRefused() {
        #expect(reason("") == .syntax(""))
        #expect(reason("C=JP,") == .syntax("C=JP,"))
        #expect(reason("C=JP,,O=x") == .syntax("C=JP,,O=x"))
        #expect(reason("C=JP,Tokyo") == .syntax("Tokyo"))
        #expect(reason("O=x+OU=y") == .multiValued("O=x+OU=y"))
        #expect(reason(#"O="x""#) == .unescaped("\"", #"O="x""#))
        #expect(reason(#"O=\x"#) == .badEscape(#"O=\x"#))
        #expect(reason("O=#04024869") == .hexValue("O=#04024869"))
        #expect(reason(#"O=\FF"#) == .notUTF8(#"O=\FF"#))
        #expect(reason("emailAddress=a@b") == .unknownType("emailAddress"))
        #expect(reason("commonName=x") == .commonName)
        #expect(reason("O=") == .empty(.organization))
        #expect(reason("O=a,O=b") == .duplicate(.organization))
        #expect(reason("C=JPN") == .country("JPN"))
        #expect(reason("C=J1") == .country("J1"))
        #expect(reason("C=jp") == .countryCase("jp"))
        #expect(reason("L=" + String(repeating: "区", count: 129)) == .tooLong(.locality, count: 129))
        #expect(reason("O=a\u{202E}b") == .control(.organization), "a bidi override is refused as a control character")
    }

    @Test func theTextReadsBack() throws {
        let subject = try RequestSubject.parse(#"C=JP,O=\ Example\, \"K.K.\" #1\ ,OU=R\+D"#)
        #expect(try RequestSubject.parse(subject.text) == subject, "\(subject.text)")
    }

    @Test func formFieldsSkipEmptyValuesAndTrimBlanks() throws {
        let subject = try RequestSubject(fields: [(.organization, " 株式会社サンプル　"), (.unit, ""), (.country, "JP")])
        #expect(subject.entries.map(\.value) == ["JP", "株式会社サンプル"])
        #expect(throws: SubjectProblem(.country("Japan"))) { try RequestSubject(fields: [(.country, "Japan")]) }
    }
}
