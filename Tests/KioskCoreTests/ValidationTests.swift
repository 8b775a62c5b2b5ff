import KioskTesting
import PropertyBased
import Testing

@testable import KioskCore

@Suite struct ValidatorTests {
  let today = CivilDate(year: 2026, month: 11, day: 22)!

  @Test func nidLengthsAndBirthYear() throws {
    #expect(try Validators.nid("১২৩৪৫৬৭৮৯০").get() == "1234567890")
    #expect(
      try Validators.nid("19851234567890123", dateOfBirth: CivilDate(year: 1985, month: 3, day: 21)).get()
        == "19851234567890123")
    #expect(try Validators.nid("123 456 789 0123").get() == "1234567890123")
    if case .failure(let f) = Validators.nid("19861234567890123", dateOfBirth: CivilDate(year: 1985, month: 3, day: 21))
    {
      #expect(f.message.en.contains("1985"))
      #expect(f.message.bn.contains("১৯৮৫"))
    } else {
      Issue.record("a 17-digit NID must start with the birth year")
    }
    #expect((try? Validators.nid("0123456789").get()) == nil, "10 digits never start with 0")
    #expect((try? Validators.nid("12345").get()) == nil)
    #expect((try? Validators.nid("12345abcde").get()) == nil)
  }

  @Test func mobileForms() throws {
    for typed in ["01712345678", "+8801712345678", "8801712345678", "০১৭১২-৩৪৫৬৭৮", "017 1234 5678", "1712345678"] {
      #expect(try Validators.mobile(typed).get() == "01712345678", "\(typed)")
    }
    for bad in ["01212345678", "0171234567", "+911712345678", "phone", ""] {
      #expect((try? Validators.mobile(bad).get()) == nil, "\(bad)")
    }
  }

  @Test func dates() throws {
    #expect(
      try Validators.date("২১/০৩/১৯৮৫", today: today, pastOnly: true).get() == CivilDate(year: 1985, month: 3, day: 21))
    #expect(try Validators.date("1985-03-21", today: today, pastOnly: true).get().iso == "1985-03-21")
    #expect((try? Validators.date("2027-01-01", today: today, pastOnly: true).get()) == nil, "no future birth dates")
    #expect((try? Validators.date("31/02/2000", today: today, pastOnly: true).get()) == nil)
    #expect((try? Validators.date("yesterday", today: today, pastOnly: false).get()) == nil)
  }

  @Test func names() throws {
    #expect(try Validators.personName("  মোছাম্মৎ   রহিমা খাতুন ").get() == "মোছাম্মৎ রহিমা খাতুন")
    #expect(try Validators.personName("Md. Abdul Karim").get() == "Md. Abdul Karim")
    #expect((try? Validators.personName("Karim 2").get()) == nil)
    #expect((try? Validators.personName("ক").get()) == nil)
    #expect((try? Validators.personName("রহিম১").get()) == nil, "Bengali digits are not letters")
  }

  @Test func landRecords() throws {
    #expect(try Validators.khatian("১২৩/১").get() == "123/1")
    #expect(try Validators.dags("১২, ১৩/২ 14").get() == "12, 13/2, 14")
    #expect(try Validators.jl("৪২").get() == "42")
    #expect((try? Validators.jl("12345").get()) == nil)
    #expect(try Validators.landAmount("১২.৫").get() == "12.5")
    #expect((try? Validators.landAmount("0").get()) == nil)
    #expect((try? Validators.landAmount("1.23456").get()) == nil)
    #expect(try Validators.count("২৫", range: 1...2000).get() == 25)
    #expect((try? Validators.count("0", range: 1...2000).get()) == nil)
  }

  @Test func randomTextNeverCrashesAndFailuresSpeakBothLanguages() async {
    let chars: [Character] = Array("0123456789০১২৩৪৫৬৭৮৯ +-/.,abcকখগািুেৎ্")
    await propertyCheck(
      count: 500, input: Gen.int(in: 0...(chars.count - 1)).array(of: 0...20).map { String($0.map { chars[$0] }) }
    ) { text in
      let results: [Result<String, ValidationFailure>] = [
        Validators.nid(text), Validators.mobile(text), Validators.personName(text), Validators.khatian(text),
        Validators.dags(text), Validators.landAmount(text), Validators.jl(text),
        Validators.date(text, today: today, pastOnly: true).map(\.iso),
      ]
      for r in results {
        switch r {
        case .failure(let f): #expect(!f.message.bn.isEmpty && !f.message.en.isEmpty)
        case .success(let v):
          #expect(!v.contains(where: { ("০"..."৯").contains($0) }), "stored values use Latin digits")
        }
      }
      if case .success(let m) = Validators.mobile(text) {
        #expect(m.count == 11 && m.hasPrefix("01"))
      }
      if case .success(let n) = Validators.nid(text) {
        #expect([10, 13, 17].contains(n.count))
      }
    }
  }

  @Test func validMobilesInAnyDressAreAccepted() async {
    await propertyCheck(count: 300, input: Gen.int(in: 3...9), Gen.int(in: 0...99_999_999)) { op, rest in
      var body = String(rest)
      body = String(repeating: "0", count: 8 - body.count) + body
      let plain = "01\(op)" + body
      for dressed in [
        "+880" + plain.dropFirst(), BengaliDigits.toBengali(plain), "\(plain.prefix(5))-\(plain.dropFirst(5))",
      ] {
        #expect((try? Validators.mobile(String(dressed)).get()) == plain)
      }
    }
  }
}
