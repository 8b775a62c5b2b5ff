import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func consentPage(_ p: PageParts) {
    let body = p.body
    let days = setup.config.draftRetentionDays
    if let error = state.error { errorSummary(p, error) }
    paragraph(body, text(bn: "আপনার তথ্য কীভাবে রাখা হবে", en: "How your information is kept"), "heading")
    paragraph(
      body,
      text(
        bn:
          "আপনার উত্তর শুধু এই কেন্দ্রের যন্ত্রে রাখা হয়, কোথাও পাঠানো হয় না। কেবল কেন্দ্রের কর্মী আপনার স্লিপের কোড দিয়ে এটি খুলতে পারেন, এবং প্রতিবার খোলা লিখে রাখা হয়। দাখিল না হলে \(BengaliDigits.toBengali(String(days))) দিন পর সব মুছে ফেলা হয়। আপনার অনুমতি ছাড়া কাউকে দেওয়া হয় না।",
        en:
          "Your answers are kept only on this centre's machine and sent nowhere. Only the centre's staff can open them, with the code on your slip, and every opening is recorded. If not filed, everything is deleted after \(days) days. Nothing is given to anyone without your permission."
      ))
    let row = Box(vertical: false, spacing: 16)
    let leave = row.append(Button(text(bn: "রাজি নই, বের হব", en: "I do not agree, leave"), classes: ["secondary"]))
    leave.onClicked { [weak self] in self?.send(.decline) }
    let agree = row.append(Button(text(bn: "আমি রাজি", en: "I agree"), classes: ["primary"]))
    agree.setExpand(horizontal: true, vertical: false)
    agree.onClicked { [weak self] in self?.send(.agree) }
    body.append(row)
    let back = body.append(Button(text(bn: "পিছনে", en: "Back"), classes: ["secondary"]))
    back.onClicked { [weak self] in self?.send(.back) }
  }
}
