import Foundation
import Testing

@testable import Gtk

/// A page's widgets go away once another page is shown: the Swift objects are released, their
/// signal handlers disconnected and their GTK widgets finalised. A handler that held its own
/// widget strongly would keep the whole page alive (GLib owns the closure, the closure the
/// widget, the widget the closure's connection) — the cycle once found in the place page.
/// Needs a display: scripts/test.sh runs the Swift tests under scripts/with-display.sh.
@MainActor @Suite(.serialized) struct LifetimeTests {
  func gtk() throws {
    try #require(
      GtkRuntime.initialize(programName: "gtk-tests", waitSeconds: 1),
      "GTK needs a display: run the tests under scripts/with-display.sh")
  }

  /// A page as the kiosk builds one: a field whose handlers reach the field and the page, a
  /// button that reaches the field, all inside the window's content box.
  func page(in content: Box) -> (page: Box, entry: Entry, button: Button) {
    let page = Box(vertical: true, spacing: 8)
    let entry = page.append(Entry(accessibleLabel: "name"))
    let button = page.append(Button("Next"))
    entry.onChanged { [weak entry, weak page] in
      _ = entry?.text
      _ = page?.hasChildren
    }
    entry.onActivate { [weak button] in button?.grabFocus() }
    button.onClicked { [weak entry] in entry?.grabFocus() }
    content.append(page)
    return (page, entry, button)
  }

  func run() { for _ in 0..<50 { _ = MainLoop.iterate(blocking: false) } }

  @Test func aPageIsGoneOnceAnotherIsShown() throws {
    try gtk()
    let content = Box(vertical: true)
    weak var oldPage: Box?
    weak var oldEntry: Entry?
    weak var oldButton: Button?
    do {
      let shown = page(in: content)
      oldPage = shown.page
      oldEntry = shown.entry
      oldButton = shown.button
      shown.entry.text = "typed"  // its handler runs
    }
    run()
    #expect(oldEntry != nil, "the page is alive while it is shown")
    content.removeAll()
    _ = content.append(Label("the next page"))
    run()
    #expect(oldPage == nil, "the page went away")
    #expect(oldEntry == nil, "the field went away")
    #expect(oldButton == nil, "the button went away")
  }

  /// The same with one handler that holds its own field: the page stays alive. This is the leak
  /// the test above would catch, so that test can fail.
  @Test func aHandlerThatHoldsItsOwnFieldKeepsItAlive() throws {
    try gtk()
    let content = Box(vertical: true)
    weak var oldEntry: Entry?
    do {
      let shown = page(in: content)
      let entry = shown.entry
      entry.onChanged { _ = entry.text }  // strong: a cycle through GLib
      oldEntry = entry
    }
    content.removeAll()
    run()
    #expect(oldEntry != nil, "a field held by its own handler is never released")
  }
}
