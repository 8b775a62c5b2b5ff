import KioskTesting
import Testing

@testable import KioskCore

/// What espeak-ng is given to say: numbers in words (codes, helplines, NIDs and mobiles digit by
/// digit in groups, dates as day, month and year, amounts as the receipt's words), no sign it misreads.
@Suite struct SpeakableTests {
  static let table: [(Language, String, String)] = [
    (.en, "Helplines: 16122", "Helplines: one six one two two"),
    (.bn, "হেল্পলাইন: ১৬১২২", "হেল্পলাইন: এক ছয় এক দুই দুই"),
    (.en, "call 333", "call three three three"),
    (.en, "Tk 1,170", "Taka One Thousand One Hundred Seventy only"),
    (.en, "৳1,170", "Taka One Thousand One Hundred Seventy only"),
    (.bn, "৳১,১৭০", "এক হাজার একশত সত্তর টাকা মাত্র"),
    (.bn, "ফি ১,১৭০ টাকা", "ফি এক হাজার একশত সত্তর টাকা"),
    (.en, "2025-01-26", "twenty six January, two thousand twenty five"),
    (.bn, "২০২৫-০১-২৬", "ছাব্বিশে জানুয়ারি, দুই হাজার পঁচিশ"),
    (.bn, "২৬শে জানুয়ারি, ২০২৫", "ছাব্বিশে জানুয়ারি, দুই হাজার পঁচিশ"),
    (.bn, "১লা বৈশাখ", "পয়লা বৈশাখ"),
    (.en, "01712-345678", "zero one seven one two, three four five six, seven eight"),
    (.en, "01712345678", "zero one seven one two, three four five, six seven eight"),
    (.bn, "০১৭১২৩৪৫৬৭৮", "শূন্য এক সাত এক দুই, তিন চার পাঁচ, ছয় সাত আট"),
    (.en, "NID 1234567890", "NID one two three four, five six seven eight, nine zero"),
    (.en, "12345-67890-12345", "one two three four five, six seven eight nine zero, one two three four five"),
    (.bn, "ক-১২৩৪/২০২৩", "ক এক দুই তিন চার স্ল্যাশ দুই শূন্য দুই তিন"),
    (.en, "Question 3 of 12", "Question three of twelve"),
    (.en, "2.5 decimal", "two point five decimal"),
    (.en, "well-known", "well known"),
  ]

  @Test func tableOfNumbersDatesCodesAndAmounts() {
    for (language, text, spoken) in Self.table {
      let s = Speakable.segments(text, language)
      #expect(s == [SpeechSegment(language, spoken)], "\(text) → \(Speakable.describe(s))")
    }
  }

  @Test func eachScriptInItsOwnVoice() {
    #expect(
      Speakable.segments("ছাপা হয়েছে / Printed", .bn) == [
        SpeechSegment(.bn, "ছাপা হয়েছে"), SpeechSegment(.en, "Printed"),
      ])
    // Digits take the language of the words before them.
    #expect(
      Speakable.segments("ভূমি সেবা কেন্দ্র, Mirpur 12", .bn) == [
        SpeechSegment(.bn, "ভূমি সেবা কেন্দ্র"), SpeechSegment(.en, "Mirpur twelve"),
      ])
  }

  @Test func resumeCodeDigitByDigit() {
    let code = ResumeCode.generate()
    let words = Speakable.resumeCode(code, .en)
    #expect(words.split(separator: ",").count == 3)
    #expect(!words.contains(where: { $0.isNumber }))
    #expect(Speakable.segments(code.formatted(.bn), .bn).count == 1)
  }

  @Test func helplinesTextOfTheSlip() {
    let s = Speakable.segments(
      tr("Helplines: 16122 (land services, 24 hours) · 333 (national call centre)").en, .en)
    #expect(
      s == [
        SpeechSegment(
          .en,
          "Helplines: one six one two two, land services, twenty four hours, three three three, national call centre")
      ])
  }

  static func unspeakable(_ s: SpeechSegment) -> Bool {
    s.text.contains(where: { Speakable.isDigit($0) || "-/৳".contains($0) }) || s.text.isEmpty
  }

  /// Every page of every service says something in each language, with no digit or sign left.
  @Test func everyPageOfEveryServiceIsSpeakable() throws {
    let c = try loadCatalogue()
    for service in c.services {
      var asked: [Question] = []
      for q in service.questions {
        if let g = q.group { asked += g.questions.map { $0.asked(in: q, index: 2) } }
        asked.append(q)
      }
      for language in Language.allCases {
        var pages: [(String, [SpeechSegment])] = []
        for (i, q) in asked.enumerated() {
          pages.append(
            (
              q.id,
              Speakable.questionPage(q, index: i + 1, count: asked.count, title: service.name[language], language)
            ))
        }
        let info = [service.name[language], service.summary[language]] + service.documents.map { $0.text[language] }
        pages.append(("info", Speakable.segments(info, language)))
        if let n = service.nextSteps {
          pages.append(
            ("next steps", Speakable.segments([n.heading[language]] + n.items.map { $0.text[language] }, language)))
        }
        for (page, segments) in pages {
          #expect(
            segments.contains { $0.language == language }, "\(service.id) \(page) \(language): nothing in its language")
          #expect(
            !segments.contains(where: Self.unspeakable),
            "\(service.id) \(page) \(language): \(Speakable.describe(segments))")
        }
      }
    }
  }
}
