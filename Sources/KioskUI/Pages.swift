import Foundation
import Gtk
import KioskCore
import KioskPrint

/// One builder per page: state in, widgets out; taps become events.
extension KioskApp {
  func page(for s: FlowState) -> Widget {
    let root = Box(vertical: true, spacing: 0)
    root.append(banner(title: title(for: s)))
    if s.idleWarning { root.append(idleWarning()) }
    let body = Box(vertical: true, spacing: 16, classes: ["page"])
    body.setExpand(horizontal: true, vertical: true)
    // The keyboard and Back/Next stay on screen below the scrolling part, where a thumb finds them.
    let footer = Box(vertical: true, spacing: 8, classes: ["footer"])
    // Next grows to fill the height beside the keys; that must not make the footer take room from
    // the question above it (expansion would otherwise spread up to here).
    footer.setExpand(horizontal: true, vertical: false)
    self.footer = footer
    typingPage = false
    shownSummary = nil
    switch s.screen {
    case .home: homePage(body)
    case .services: servicesPage(body)
    case .info: infoPage(body)
    case .consent: consentPage(body)
    case .question(let id): questionPage(body, id)
    case .check: checkPage(body)
    case .confirmation: confirmationPage(body)
    case .resume: resumePage(body)
    }
    if let notice = s.notice { body.append(Label(text(notice), classes: ["notice"])).setWrap() }
    if s.screen == .home && !largeText {
      // The home page fits the screen: no scrolling (and a lighter first frame at start-up).
      root.append(body)
    } else {
      let scrolled = root.append(Scrolled(body))
      scrolled.setExpand(horizontal: true, vertical: true)
      if let summary = shownSummary {
        // After a refused answer the error summary comes first, at the top of the view: the
        // question follows it as far as there is room (the message is also right by the field).
        window?.onNextPaint { [weak scrolled, weak summary] in
          if let summary { scrolled?.scrollToShow(summary) }
        }
      } else if typingPage {
        // The keyboard leaves little room above it (with larger text, less than the question
        // needs): the question and its hint, at the end, stay in sight right above the field.
        window?.onNextPaint { [weak scrolled] in scrolled?.scrollToEnd() }
      }
    }
    if footer.hasChildren { root.append(footer) }
    self.footer = nil
    return root
  }

  func title(for s: FlowState) -> String {
    switch s.screen {
    case .home: return text(bn: "ভূমিসেবা কিয়স্ক", en: "Bhumiseba Kiosk")
    case .services: return text(bn: "কোন সেবা চান?", en: "Which service do you need?")
    case .resume: return text(bn: "আগের আবেদন চালিয়ে যান", en: "Continue an application")
    case .confirmation: return text(bn: "আবেদন সংরক্ষিত হয়েছে", en: "Application saved")
    case .check: return text(bn: "উত্তরগুলো মিলিয়ে দেখুন", en: "Check your answers")
    default: return reducer.service(s).map { text($0.name) } ?? ""
    }
  }

  func banner(title: String) -> Box {
    let bar = Box(vertical: false, spacing: 12, classes: ["banner"])
    // The title is also the staff door: five quick taps (see titleTapped).
    let heading = bar.append(Button(title, classes: ["title", "title-button"]))
    heading.setExpand(horizontal: true, vertical: false)
    heading.captionAtStart()
    heading.onClicked { [weak self] in self?.titleTapped() }
    let bigger = bar.append(Button(text(bn: "বড় লেখা", en: "Larger text"), classes: ["tool"], wrap: false))
    bigger.onClicked { [weak self] in
      guard let self else { return }
      self.largeText.toggle()
      self.setAccessibilityModes()
      self.send(.touch)
    }
    let contrast = bar.append(Button(text(bn: "উচ্চ কনট্রাস্ট", en: "High contrast"), classes: ["tool"], wrap: false))
    contrast.onClicked { [weak self] in
      guard let self else { return }
      self.highContrast.toggle()
      self.setAccessibilityModes()
      self.send(.touch)
    }
    let other: Language = state.language == .bn ? .en : .bn
    let switchButton = bar.append(Button(other == .en ? "English" : "বাংলা", classes: ["lang"], wrap: false))
    // Bengali and Latin lines differ in height: the captions line up by their baseline.
    for b in [bigger, contrast, switchButton] { b.setAlign(.fill, .baseline) }
    switchButton.onClicked { [weak self] in self?.send(.setLanguage(other)) }
    return bar
  }

  func idleWarning() -> Widget {
    let box = Box(vertical: false, spacing: 16, classes: ["idle-warning"])
    let label = box.append(Label(countdownText(), classes: ["body"]))
    label.setWrap()
    label.setExpand(horizontal: true, vertical: false)
    countdown = label
    let here = box.append(Button(text(bn: "আমি আছি", en: "I am here"), classes: ["primary"]))
    here.onClicked { [weak self] in self?.send(.touch) }
    return box
  }

  /// Back and the page's main button, at the bottom; `submitting` replaces the event (a field's Next).
  func navigation(
    _ body: Box, next: (String, FlowEvent)?, back: Bool = true, submitting: (@MainActor () -> Void)? = nil
  ) {
    let row = Box(vertical: false, spacing: 16)
    if back {
      let b = row.append(Button(text(bn: "পিছনে", en: "Back"), classes: ["secondary"]))
      b.onClicked { [weak self] in self?.send(.back) }
    }
    if let (label, event) = next {
      let n = row.append(Button(label, classes: ["primary"]))
      n.setExpand(horizontal: true, vertical: false)
      if let submitting { n.onClicked(submitting) } else { n.onClicked { [weak self] in self?.send(event) } }
    }
    (footer ?? body).append(row)
  }

  func paragraph(_ body: Box, _ s: String, _ cls: String = "body") {
    let l = body.append(Label(s, classes: [cls]))
    l.setWrap()
    l.setXAlign(0)
  }

  // MARK: pages

  func homePage(_ body: Box) {
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

  /// The icon on each service tile (Adwaita, installed with GTK); a citizen who reads slowly finds a
  /// tile by its picture.
  static func icon(_ serviceID: String) -> String {
    let icons = [
      "namjari": "document-edit", "namjari-dcr": "application-certificate", "khatian-copy": "emblem-documents",
      "dakhila-print": "document-print", "ldtax-registration": "contact-new", "ldtax-payment": "accessories-calculator",
      "lease-money": "task-due", "mouza-map": "find-location", "khas-settlement": "mark-location",
      "kabuliyat": "accessories-text-editor", "vested-lease": "user-home", "abandoned-lease": "user-home",
      "sairat-lease": "weather-showers", "legal-advice": "help-faq", "misc-case": "document-properties",
    ]
    return (icons[serviceID] ?? "text-x-generic") + "-symbolic"
  }

  func servicesPage(_ body: Box) {
    var row: Box?
    for (i, service) in setup.catalogue.services.enumerated() {
      if i % 3 == 0 {
        row = body.append(Box(vertical: false, spacing: 16))
        row?.setExpand(horizontal: true, vertical: false)
        row?.setHomogeneous(true)
      }
      let fee: String
      if let f = service.centreFee?.byClass[setup.config.areaClass] {
        fee = text(bn: "ফি \(BengaliDigits.grouped(f, .bn)) টাকা", en: "Fee Tk \(f)")
      } else {
        fee = text(bn: "বিনা মূল্যে", en: "Free")
      }
      let tile = Button(text(service.name) + "\n" + fee, icon: KioskApp.icon(service.id), classes: ["service"])
      tile.setAccessibleLabel(text(service.name))
      tile.setExpand(horizontal: true, vertical: false)
      tile.setSizeRequest(width: 300, height: 120)
      tile.onClicked { [weak self] in self?.send(.chooseService(service.id)) }
      row?.append(tile)
    }
    navigation(body, next: nil)
  }

  func infoPage(_ body: Box) {
    guard let service = reducer.service(state) else { return }
    paragraph(body, text(service.summary))
    paragraph(body, text(bn: "যা সঙ্গে আনবেন", en: "What to bring"), "heading")
    for d in service.documents(for: state.answers) { paragraph(body, "• " + text(d)) }
    if service.documents.contains(where: { $0.when != nil }) {
      paragraph(
        body,
        text(bn: "আরও কাগজ লাগতে পারে, আপনার উত্তরের ওপর নির্ভর করে।", en: "More papers may be needed, depending on your answers."),
        "small")
    }
    paragraph(body, text(bn: "খরচ", en: "What it costs"), "heading")
    if let quote = try? FeeEngine.quote(service, areaClass: setup.config.areaClass) {
      if quote.centreLines.isEmpty {
        paragraph(body, text(bn: "এই কেন্দ্রে কোনো ফি নেই।", en: "No fee at this centre."))
      }
      for line in quote.centreLines {
        paragraph(
          body,
          text(line.label) + ": " + text(bn: "\(BengaliDigits.grouped(line.amount, .bn)) টাকা", en: "Tk \(line.amount)"))
      }
      if let fee = service.centreFee, let free = fee.freePages, let per = fee.perExtraPage {
        paragraph(
          body,
          text(
            bn:
              "\(BengaliDigits.toBengali(String(free))) পৃষ্ঠার বেশি কাগজ স্ক্যান হলে প্রতি পৃষ্ঠা \(BengaliDigits.toBengali(String(per))) টাকা বেশি।",
            en: "Over \(free) scanned pages, Tk \(per) more for each page."), "small")
      }
      for line in quote.governmentAtFiling + quote.governmentLater {
        let when = quote.governmentLater.contains(line) ? text(bn: " (পরে)", en: " (later)") : ""
        paragraph(
          body,
          text(bn: "সরকারি ফি, অনলাইনে: ", en: "Government fee, paid online: ") + text(line.label) + when + ": "
            + text(bn: "\(BengaliDigits.grouped(line.amount, .bn)) টাকা", en: "Tk \(line.amount)"))
      }
    }
    if let days = service.usualDays {
      paragraph(
        body,
        text(bn: "সাধারণত সময় লাগে \(BengaliDigits.toBengali(String(days))) দিন।", en: "It usually takes \(days) days."))
    }
    let printList = body.append(Button(text(bn: "এই তালিকা ছাপুন", en: "Print this list"), classes: ["secondary"]))
    printList.onClicked { [weak self] in self?.send(.printDocumentsList) }
    navigation(body, next: (text(bn: "চালিয়ে যান", en: "Continue"), .continueFromInfo))
  }

  func consentPage(_ body: Box) {
    let days = setup.config.draftRetentionDays
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

  func questionPage(_ body: Box, _ id: String) {
    let questions = reducer.activeQuestions(state)
    guard let index = questions.firstIndex(where: { $0.id == id }) else { return }
    let q = questions[index]
    paragraph(
      body,
      text(
        bn: "প্রশ্ন \(BengaliDigits.toBengali(String(index + 1)))/\(BengaliDigits.toBengali(String(questions.count)))",
        en: "Question \(index + 1) of \(questions.count)"), "small")
    // The GOV.UK pattern: a summary at the top of the page, the message again by the field.
    if let error = state.error { errorSummary(body, error) }
    let label = body.append(Label(text(q.label), classes: ["question"]))
    label.setXAlign(0)
    label.setWrap()
    if let hint = q.hint { paragraph(body, text(hint), "small") }
    if let error = state.error {
      // By the field: for typed answers the field sits above the keyboard, so the message goes there.
      let typing = q.type != .choice && q.type != .yesno
      let inline = ((typing ? footer : nil) ?? body).append(Label(text(error.message), classes: ["error"]))
      inline.setXAlign(0)
      inline.setWrap()
    }
    switch q.type {
    case .choice, .yesno:
      let options =
        q.type == .yesno
        ? [
          ChoiceOption(value: "yes", label: BilingualText(bn: "হ্যাঁ", en: "Yes")),
          ChoiceOption(value: "no", label: BilingualText(bn: "না", en: "No")),
        ]
        : q.options
      for option in options {
        let chosen = state.answers[q.id] == option.value
        let b = body.append(Button(text(option.label), classes: chosen ? ["choice", "chosen"] : ["choice"]))
        b.onClicked { [weak self] in self?.send(.answer(option.value)) }
      }
      navigation(body, next: nil)
    default:
      let entry = Entry(accessibleLabel: q.label.both)
      entry.text = displayValue(q, state.typed[q.id] ?? state.answers[q.id] ?? "")
      liveEntry = (q.id, entry)
      if state.error != nil { entry.addClass("error") }
      let submit: @MainActor () -> Void = { [weak self, weak entry] in
        guard let self, let entry else { return }
        self.send(.answer(entry.text))
      }
      entry.onActivate(submit)
      entry.onChanged { [weak self] in self?.send(.touch) }
      if q.type == .place && !placeTyping {
        // Tapped down the list (division → district → upazila); the keyboard only when asked for.
        placeBrowser(body, q)
        footer?.append(entry)
        navigation(body, next: (text(bn: "পরবর্তী", en: "Next"), .answer("")), submitting: submit)
      } else {
        if q.type == .place { placeSuggestions(body, entry) }
        typingFooter(
          entry, Keyboard.kind(for: q.type, language: state.language), next: text(bn: "পরবর্তী", en: "Next"), submit)
      }
      entry.grabFocus()
      entry.moveCursorToEnd()
    }
  }

  /// Stored values use Latin digits; a Bengali screen shows them in Bengali digits.
  func displayValue(_ q: Question, _ value: String) -> String {
    switch q.type {
    case .text, .name, .place: return value
    default: return digits(value)
    }
  }

  /// Search results for what is typed, larger units first; a tap answers with the whole path.
  func placeSuggestions(_ body: Box, _ entry: Entry) {
    let box = body.append(Box(vertical: true, spacing: 8))
    func refresh() {
      box.removeAll()
      guard let places, entry.text.count >= 2 else { return }
      for match in places.search(entry.text, limit: 4) {
        let label = match.label(state.language)
        let b = box.append(Button(label, classes: ["suggestion"]))
        b.onClicked { [weak self] in self?.send(.answer(label)) }
      }
    }
    entry.onChanged { refresh() }
    refresh()
    let browse = body.append(Button(text(bn: "তালিকা থেকে বেছে নিন", en: "Choose from the list"), classes: ["secondary"]))
    browse.onClicked { [weak self] in
      self?.placeTyping = false
      self?.redraw()
    }
  }

  /// Division → district → upazila as large buttons; choosing an upazila answers the question.
  /// A place missing from the list can still be typed ("Type it").
  func placeBrowser(_ body: Box, _ q: Question) {
    guard let places else { return }
    let path = placePath.filter { $0 < places.places.count }
    let trail = body.append(Box(vertical: false, spacing: 8, classes: ["trail"]))
    let top = trail.append(Button(text(bn: "সব বিভাগ", en: "All divisions"), classes: ["crumb"]))
    top.onClicked { [weak self] in
      self?.placePath = []
      self?.redraw()
    }
    for (depth, index) in path.enumerated() {
      let crumb = trail.append(Button("› " + places.places[index].name[state.language], classes: ["crumb"]))
      crumb.onClicked { [weak self] in
        self?.placePath = Array(path.prefix(depth + 1))
        self?.redraw()
      }
    }
    let level = path.count  // 0 divisions, 1 districts, 2 upazilas
    paragraph(
      body,
      text(
        bn: ["বিভাগ বেছে নিন", "জেলা বেছে নিন", "উপজেলা বেছে নিন"][min(level, 2)],
        en: ["Choose the division", "Choose the district", "Choose the upazila"][min(level, 2)]), "small")
    let children = places.children(of: path.last).sorted {
      places.places[$0].name[state.language] < places.places[$1].name[state.language]
    }
    var row: Box?
    for (i, child) in children.enumerated() {
      if i % 4 == 0 {
        row = body.append(Box(vertical: false, spacing: 12))
        row?.setHomogeneous(true)
      }
      let place = places.places[child]
      let b = row!.append(Button(place.name[state.language], classes: ["place"]))
      b.setExpand(horizontal: true, vertical: false)
      b.onClicked { [weak self] in
        guard let self else { return }
        if place.level >= .upazila {
          let label = places.path(child).reversed().map { $0.name[self.state.language] }.joined(separator: ", ")
          self.placePath = []
          self.send(.answer(label))
        } else {
          self.placePath = path + [child]
          self.send(.touch)
          self.redraw()
        }
      }
    }
    let typeIt = body.append(
      Button(text(bn: "তালিকায় নেই? লিখে খুঁজুন", en: "Not in the list? Type to search"), classes: ["secondary"]))
    typeIt.onClicked { [weak self] in
      self?.placeTyping = true
      self?.send(.touch)
      self?.redraw()
    }
  }

  func checkPage(_ body: Box) {
    guard let service = reducer.service(state) else { return }
    for q in service.activeQuestions(state.answers) {
      let row = body.append(Box(vertical: false, spacing: 16, classes: ["check-row"]))
      let texts = row.append(Box(vertical: true, spacing: 2))
      texts.setExpand(horizontal: true, vertical: false)
      texts.append(Label(text(q.label), classes: ["small"])).setXAlign(0)
      let answer = texts.append(Label(answerText(q), classes: ["answer"]))
      answer.setXAlign(0)
      answer.setWrap()
      let change = row.append(Button(text(bn: "পরিবর্তন", en: "Change"), classes: ["secondary"]))
      change.setAccessibleLabel(text(bn: "পরিবর্তন: ", en: "Change: ") + text(q.label))
      change.onClicked { [weak self] in self?.send(.change(q.id)) }
    }
    if let quote = try? FeeEngine.quote(
      service, areaClass: setup.config.areaClass, pages: Int(state.answers["scanned_pages"] ?? "") ?? 0),
      quote.centreTotal > 0
    {
      paragraph(
        body,
        text(
          bn: "কাউন্টারে দেবেন: \(BengaliDigits.grouped(quote.centreTotal, .bn)) টাকা",
          en: "To pay at the counter: Tk \(quote.centreTotal)"),
        "heading")
    }
    navigation(body, next: (text(bn: "নিশ্চিত করুন ও স্লিপ ছাপুন", en: "Confirm and print the slip"), .confirm))
  }

  func answerText(_ q: Question) -> String {
    guard let v = state.answers[q.id], !v.isEmpty else { return text(bn: "(উত্তর নেই)", en: "(not answered)") }
    if q.type == .choice, let o = q.options.first(where: { $0.value == v }) { return text(o.label) }
    if q.type == .yesno { return v == "yes" ? text(bn: "হ্যাঁ", en: "Yes") : text(bn: "না", en: "No") }
    if q.type == .date, let d = CivilDate(iso: v) { return d.formatted(state.language) }
    return displayValue(q, v)
  }

  func confirmationPage(_ body: Box) {
    paragraph(body, text(bn: "আপনার কোড", en: "Your code"), "subtitle")
    if let code = state.resumeCode { body.append(Label(code.formatted(state.language), classes: ["code"])) }
    let status: String
    var cls = ["status"]
    switch state.printStatus {
    case .idle, .printing: status = text(bn: "স্লিপ ছাপা হচ্ছে…", en: "Printing the slip…")
    case .printed:
      status = text(bn: "ছাপা হয়েছে", en: "Printed")
      cls.append("ok")
    case .failed(let message):
      status =
        text(message) + ". "
        + text(bn: "আপনার আবেদন সংরক্ষিত আছে; কাউন্টারে কোডটি বলুন।", en: "Your application is saved; tell the code at the counter.")
      cls.append("trouble")
    }
    let statusLabel = body.append(Label(status, classes: cls))
    statusLabel.setWrap()
    paragraph(
      body,
      text(
        bn: "এরপর: স্লিপটি নিয়ে কাউন্টারে যান। কর্মী আপনার সঙ্গে আবেদনটি শেষ করে দাখিল করবেন, নির্ধারিত ফি নিয়ে রসিদ দেবেন। কোডটি দিয়ে পরে আবার শুরু করা যাবে।",
        en:
          "Next: take the slip to the counter. Staff will finish and file the application with you, take the fixed fee and give you a receipt. The code lets you continue later."
      ))
    let done = body.append(Button(text(bn: "শেষ", en: "Done"), classes: ["primary"]))
    done.onClicked { [weak self] in self?.send(.goHome) }
  }

  /// "There is a problem" and the message, at the top of a page; the page scrolls to it.
  func errorSummary(_ body: Box, _ error: ValidationFailure) {
    let summary = body.append(Box(vertical: true, spacing: 4, classes: ["error-summary"]))
    summary.append(Label(text(bn: "সমস্যা আছে", en: "There is a problem"), classes: ["error-title"])).setXAlign(0)
    let m = summary.append(Label(text(error.message), classes: ["error"]))
    m.setXAlign(0)
    m.setWrap()
    shownSummary = summary
  }

  func resumePage(_ body: Box) {
    paragraph(
      body,
      text(
        bn: "স্লিপে ছাপা ১৫ অঙ্কের কোডটি লিখুন, অথবা স্লিপের কিউআর কোড স্ক্যানারে ধরুন।",
        en: "Type the 15-digit code printed on your slip, or hold the slip's QR code to the scanner."))
    if let error = state.error { errorSummary(body, error) }
    let entry = Entry(accessibleLabel: text(bn: "আবেদনের কোড", en: "Application code"))
    entry.text = digits(state.typed["resume-code"] ?? "")
    liveEntry = ("resume-code", entry)
    let submit: @MainActor () -> Void = { [weak self, weak entry] in
      guard let self, let entry else { return }
      let typed = entry.text
      self.send(.enterCode(typed.hasPrefix("BHUMISEBA:") ? String(typed.dropFirst(10)) : typed))
    }
    entry.onActivate(submit)
    entry.onChanged { [weak self] in self?.send(.touch) }
    typingFooter(
      entry, state.language == .bn ? .bengaliDigits : .latinDigits, next: text(bn: "খুলুন", en: "Open"), submit)
  }

  /// The field, the on-screen keyboard and Back/Next stay fixed at the bottom of a typing page, with
  /// Back/Next beside the keys, so that the field and both buttons are on screen with the keyboard.
  /// `back`: what Back does (staff pages pass their own; nil is the citizen flow's Back);
  /// `showBack: false` leaves it out.
  func typingFooter(
    _ entry: Entry, _ kind: Keyboard.Kind, next label: String, back: (@MainActor () -> Void)? = nil,
    showBack: Bool = true, _ submit: @escaping @MainActor () -> Void
  ) {
    guard let footer else { return }
    typingPage = true
    // Typing, on the keys or a keyboard, counts as being there (also in staff mode).
    entry.onChanged { [weak self] in self?.send(.touch) }
    footer.append(entry)
    let row = footer.append(Box(vertical: false, spacing: 16))
    let keyboard = Keyboard(kind: kind, target: entry) { [weak self] in self?.send(.touch) }
    self.keyboard = keyboard
    keyboard.widget.setExpand(horizontal: true, vertical: false)
    row.append(keyboard.widget)
    let buttons = row.append(Box(vertical: true, spacing: 16, classes: ["side-nav"]))
    let next = buttons.append(Button(label, classes: ["primary"]))
    next.setExpand(horizontal: false, vertical: true)
    next.onClicked(submit)
    if showBack {
      let b = buttons.append(Button(text(bn: "পিছনে", en: "Back"), classes: ["secondary"]))
      if let back { b.onClicked(back) } else { b.onClicked { [weak self] in self?.send(.back) } }
    }
    entry.grabFocus()
    entry.moveCursorToEnd()
  }
}
