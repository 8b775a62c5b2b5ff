/// The complaint a citizen makes at the kiosk (issue 20), asked one question a page like a
/// service's form: what happened (and, when overcharged, how much was asked), which service it
/// is about (its fixed fee goes on the slip), a receipt number or resume code, a mobile number.
/// Nothing is kept until it is confirmed: then it goes to the complaints register in one row.
public enum ComplaintForm {
  /// The form's id where a service's would be (never a catalogue service's id).
  public static let serviceID = "complaint"
  public static let kind = "kind"
  public static let asked = "asked_amount"
  public static let about = "about_service"
  public static let reference = "reference"
  public static let mobile = "mobile"
  /// The answer to `about` when the complaint is about no one service.
  public static let noService = "none"

  /// The kinds, as the register names them, with their words.
  public static let kinds: [ChoiceOption] = [
    ChoiceOption(value: "overcharged", label: tr("Asked for more than the fixed fee")),
    ChoiceOption(value: "filing", label: tr("Application filed wrongly or slowly")),
    ChoiceOption(value: "misuse", label: tr("My personal data was misused")),
    ChoiceOption(value: "conduct", label: tr("Conduct of the staff")),
    ChoiceOption(value: "other", label: tr("Something else")),
  ]

  /// The form as a service (so the question pages, their keyboards and checks ask it).
  public static func service(_ catalogue: Catalogue) -> Service {
    let services =
      catalogue.services.map { ChoiceOption(value: $0.id, label: $0.name) }
      + [ChoiceOption(value: noService, label: tr("Not about one service"))]
    func q(
      _ id: String, _ type: QuestionType, _ label: BilingualText, _ hint: BilingualText?, required: Bool,
      options: [ChoiceOption] = [], when: Condition? = nil
    ) -> Question {
      Question(
        id: id, type: type, label: label, hint: hint, required: required, options: options, when: when,
        pastOnly: false, line: 0)
    }
    return Service(
      id: serviceID, order: 0, guidelineRow: nil, name: tr("Complaint"),
      summary: tr("Tell us if you were asked for more than the fixed fee, or your application was filed wrongly."),
      icon: "", centreFee: nil, governmentFees: [], usualDays: nil, tracking: tr("Call 16122"), documents: [],
      questions: [
        q(kind, .choice, tr("What happened?"), nil, required: true, options: kinds),
        q(
          asked, .number, tr("How much were you asked to pay (taka)?"), tr("The whole amount asked, in taka"),
          required: true, when: Condition(question: kind, values: ["overcharged"])),
        q(about, .choice, tr("Which service is it about?"), nil, required: true, options: services),
        q(
          reference, .reference, tr("Receipt number or resume code, if you have one"),
          tr("Leave it empty if you have none"), required: false),
        q(
          mobile, .mobile, tr("Mobile number, if you want to be called back (optional)"),
          tr("Kept with the complaint only, for the officer who looks into it"), required: false),
      ],
      file: "")
  }
}
