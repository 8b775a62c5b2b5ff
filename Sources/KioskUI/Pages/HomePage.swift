import Foundation
import Gtk
import KioskCore
import KioskPrint

extension KioskApp {
  func homePage(_ p: PageParts) {
    let body = p.body
    paragraph(body, text(setup.config.centreName), "subtitle")
    paragraph(
      body,
      text(
        bn: "জমির সেবার আবেদন এখানে নিজে শুরু করুন। ফি সরকার নির্ধারিত, শুরুতেই দেখানো হয়। কাউন্টারে কর্মী আবেদনটি শেষ করে দাখিল করবেন।",
        en:
          "Start your land service application here. Fees are fixed by the government and shown first. Staff at the counter finish and file it with you."
      ))
    let start = body.append(Button(text(bn: "শুরু করতে ছুঁয়ে দিন", en: "Touch to start"), classes: ["start"]))
    start.onClicked { [weak self] in self?.send(.start) }
    let resume = body.append(
      Button(text(bn: "আগের আবেদন চালিয়ে যান (কোড দিয়ে)", en: "Continue an application (with its code)"), classes: ["secondary"])
    )
    resume.onClicked { [weak self] in self?.send(.openResume) }
    paragraph(body, text(bn: "খোলা: ", en: "Open: ") + setup.config.openingHours(state.language), "small")
    paragraph(body, text(Documents.helplines), "helpline")
  }
}
