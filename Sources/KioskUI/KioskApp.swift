import Foundation
import Gtk
import KioskCore
import KioskPrint
import KioskStore
import Logging

/// Options that come from the command line or the environment, not from the config file.
public struct LaunchOptions: Sendable {
  /// Write a PNG of the first painted frame here (no compositor screenshot needed).
  public var snapshotPath: String?
  /// Print the time of the first painted frame and quit (benchmarks).
  public var exitAfterFirstFrame = false
  /// Quit once the snapshot is written (headless runs).
  public var quitAfterSnapshot = false
  public init() {}
}

/// The kiosk: one full-screen window whose content is the current page.
@MainActor
public final class KioskApp {
  let setup: KioskSetup
  let store: KioskStore
  let printer: Printer
  let options: LaunchOptions
  let application: Application
  var window: Window?
  var language: Language = .bn
  var snapshotTimer: LoopTimer?
  let logger = Logger(label: "bhumiseba.kiosk")

  public init(setup: KioskSetup, store: KioskStore, options: LaunchOptions) {
    self.setup = setup
    self.store = store
    self.options = options
    printer = Printer(server: setup.config.cupsServer, timeoutSeconds: Double(setup.config.jobTimeoutSeconds))
    application = Application(id: "bd.gov.land.BhumisebaKiosk")
  }

  public func run() -> Int32 {
    application.onActivate { [weak self] in self?.activate() }
    return application.run()
  }

  func activate() {
    let css = setup.shareDirectory + "/ui/kiosk.css"
    guard let data = FileManager.default.contents(atPath: css), let text = String(data: data, encoding: .utf8) else {
      FileHandle.standardError.write(Data("bhumiseba-kiosk: \(css): theme file is missing or unreadable\n".utf8))
      application.quit()
      return
    }
    Style.load(css: text)
    let window = Window(application: application)
    window.setTitle("ভূমিসেবা কিয়স্ক / Bhumiseba Kiosk")
    window.setDecorated(false)
    window.setDefaultSize(width: 1280, height: 800)
    window.fullscreen()
    self.window = window
    showHome()
    window.onFirstPaint { [weak self] in self?.firstFrame() }
    window.present()
    logger.info(
      "kiosk started", metadata: ["renderer": "\(ProcessInfo.processInfo.environment["GSK_RENDERER"] ?? "default")"])
  }

  func firstFrame() {
    let ms = MainLoop.monotonicMilliseconds()
    if options.exitAfterFirstFrame {
      FileHandle.standardOutput.write(Data("first-frame-ms \(ms) renderer \(window?.rendererName ?? "")\n".utf8))
      application.quit()
      return
    }
    if let path = options.snapshotPath {
      // One more frame, so that text laid out after the first paint is in the picture.
      snapshotTimer = LoopTimer(every: 300) { [weak self] in
        if let window = self?.window, window.snapshot(toPNG: path) {
          FileHandle.standardOutput.write(Data("snapshot written to \(path)\n".utf8))
        } else {
          FileHandle.standardError.write(Data("bhumiseba-kiosk: could not write a snapshot to \(path)\n".utf8))
        }
        if self?.options.quitAfterSnapshot == true { self?.application.quit() }
        return false
      }
    }
  }

  func text(_ t: BilingualText) -> String { t[language] }

  func show(_ page: Widget) { window?.setContent(page) }

  // MARK: pages

  func banner(title: String) -> Box {
    let bar = Box(vertical: false, spacing: 16, classes: ["banner"])
    let heading = bar.append(Label(title, classes: ["title"]))
    heading.setExpand(horizontal: true, vertical: false)
    heading.setXAlign(0)
    let other: Language = language == .bn ? .en : .bn
    let switchButton = bar.append(Button(other == .en ? "English" : "বাংলা", classes: ["lang"]))
    switchButton.onClicked { [weak self] in
      guard let self else { return }
      self.language = other
      self.showHome()
    }
    return bar
  }

  func showHome() {
    let page = Box(vertical: true, spacing: 24)
    page.append(banner(title: text(BilingualText(bn: "ভূমিসেবা কিয়স্ক", en: "Bhumiseba Kiosk"))))
    let body = page.append(Box(vertical: true, spacing: 24, classes: ["page"]))
    body.append(Label(text(setup.config.centreName), classes: ["subtitle"])).setWrap()
    body.append(
      Label(
        text(
          BilingualText(
            bn: "জমির সেবার আবেদন নিজে শুরু করুন। ফি সরকার নির্ধারিত; কাউন্টারে কর্মী আবেদনটি শেষ করে দাখিল করবেন।",
            en:
              "Start your land service application here. Fees are fixed by the government; staff at the counter finish and file it with you."
          )),
        classes: ["body"])
    ).setWrap()
    if let namjari = setup.catalogue.service("namjari") {
      let button = body.append(Button(namjari.name.both, classes: ["service"]))
      button.onClicked { [weak self] in self?.startDraft(namjari) }
    }
    let helpline = body.append(Label(text(Documents.helplines), classes: ["helpline"]))
    helpline.setWrap()
    show(page)
  }

  func startDraft(_ service: Service) {
    do {
      let draft = try store.createDraft(serviceID: service.id, language: language)
      showNamePage(service: service, draft: draft, error: nil, typed: "")
    } catch {
      logger.error("could not start a draft: \(error)")
      showHome()
    }
  }

  func showNamePage(service: Service, draft: Draft, error: BilingualText?, typed: String) {
    guard let question = service.questions.first else { return }
    let page = Box(vertical: true, spacing: 24)
    page.append(banner(title: text(service.name)))
    let body = page.append(Box(vertical: true, spacing: 20, classes: ["page"]))
    body.append(Label(text(question.label), classes: ["subtitle"])).setXAlign(0)
    if let hint = question.hint { body.append(Label(text(hint), classes: ["small"])).setXAlign(0) }
    let errorLabel = body.append(Label(error.map { text($0) } ?? "", classes: ["error"]))
    errorLabel.setXAlign(0)
    errorLabel.isVisible = error != nil
    let entry = body.append(Entry(accessibleLabel: question.label.both))
    entry.text = typed
    if error != nil { entry.addClass("error") }
    let save = body.append(
      Button(text(BilingualText(bn: "সংরক্ষণ করুন ও স্লিপ ছাপুন", en: "Save and print slip")), classes: ["primary"]))
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      self.saveName(service: service, draft: draft, question: question, value: entry.text)
    }
    save.onClicked(submit)
    entry.onActivate(submit)
    let back = body.append(Button(text(BilingualText(bn: "পিছনে", en: "Back"))))
    back.onClicked { [weak self] in self?.showHome() }
    show(page)
    entry.grabFocus()
  }

  func saveName(service: Service, draft: Draft, question: Question, value: String) {
    let name = value.trimmingCharacters(in: .whitespaces)
    if name.isEmpty {
      showNamePage(
        service: service, draft: draft,
        error: BilingualText(bn: "আবেদনকারীর নাম লিখুন", en: "Enter the applicant's name"), typed: value)
      return
    }
    do {
      try store.saveAnswer(draftID: draft.id, questionID: question.id, value: name)
      try store.setState(draftID: draft.id, .waiting)
    } catch {
      logger.error("could not save an answer: \(error)")
      showNamePage(
        service: service, draft: draft,
        error: BilingualText(
          bn: "সংরক্ষণ করা যায়নি। কর্মীকে ডাকুন; আপনার লেখা হারায়নি।",
          en: "Could not save. Please call staff; what you typed is not lost."), typed: value)
      return
    }
    showConfirmation(service: service, draft: draft, name: name)
  }

  func showConfirmation(service: Service, draft: Draft, name: String) {
    let page = Box(vertical: true, spacing: 24)
    page.append(banner(title: text(BilingualText(bn: "আবেদন সংরক্ষিত হয়েছে", en: "Application saved"))))
    let body = page.append(Box(vertical: true, spacing: 20, classes: ["page"]))
    body.append(Label(text(BilingualText(bn: "আপনার কোড", en: "Your code")), classes: ["subtitle"]))
    body.append(Label(draft.resumeCode.formatted(language), classes: ["code"]))
    let status = body.append(Label(text(BilingualText(bn: "স্লিপ ছাপা হচ্ছে…", en: "Printing the slip…")), classes: ["status"]))
    status.setWrap()
    body.append(
      Label(
        text(
          BilingualText(
            bn: "স্লিপটি নিয়ে কাউন্টারে যান। কোডটি দিয়ে পরে আবার শুরু করা যাবে।",
            en: "Take the slip to the counter. The code lets you continue later.")), classes: ["body"])
    ).setWrap()
    let done = body.append(Button(text(BilingualText(bn: "শেষ", en: "Done")), classes: ["primary"]))
    done.onClicked { [weak self] in self?.showHome() }
    show(page)

    let config = setup.config
    let slip = AcknowledgementSlip(
      centre: config.centreName, service: service.name,
      date: CivilDate(secondsSince1970: Date().timeIntervalSince1970), code: draft.resumeCode, applicantName: name,
      documents: service.documents(for: [:]), centreFee: service.centreFee?.byClass[config.areaClass],
      governmentFees: service.governmentFees.filter { $0.when == .filing }, usualDays: service.usualDays)
    let printer = self.printer
    let store = self.store
    let queue = config.slipQueue
    let draftID = draft.id
    let language = self.language
    // libcups blocks: print off the GTK thread, come back through the GLib loop.
    Thread.detachNewThread {
      let pdf = Documents.acknowledgementSlip(slip)
      let recordID = try? store.recordPrintJob(draftID: draftID, kind: "slip", queue: queue, pdf: pdf)
      let outcome = printer.printPDF(pdf, queue: queue, title: "slip-\(draftID)")
      if let recordID {
        try? store.updatePrintJob(
          id: recordID, state: outcome.succeeded ? "printed" : "not-printed", message: outcome.state.rawValue,
          cupsJobID: outcome.jobID)
      }
      MainLoop.invoke { [weak status] in
        guard let status else { return }
        if outcome.succeeded {
          status.text = outcome.message[language]
          status.addClass("ok")
        } else {
          let saved = BilingualText(
            bn: "আপনার আবেদন সংরক্ষিত আছে; কাউন্টারে কোডটি বলুন।",
            en: "Your application is saved; tell the code at the counter.")
          status.text = outcome.message[language] + ". " + saved[language]
          status.addClass("trouble")
        }
      }
    }
  }
}
