import CGtk

public typealias WidgetPointer = UnsafeMutablePointer<GtkWidget>

/// A GTK widget owned from Swift: the floating reference is sunk on creation, every signal handler
/// connected through it is disconnected and the reference dropped when the Swift object goes away.
@MainActor
public class Widget {
  public let pointer: WidgetPointer
  private var handlers: [(instance: gpointer, id: gulong)] = []

  init(taking pointer: WidgetPointer) {
    g_object_ref_sink(pointer)
    self.pointer = pointer
  }

  var gpointer: gpointer { UnsafeMutableRawPointer(pointer) }

  func track(_ instance: gpointer, _ id: gulong) { handlers.append((instance, id)) }

  /// Connects a `void (*)(instance, gpointer)` signal such as `map`.
  public func on(_ signal: String, _ handler: @escaping @MainActor () -> Void) {
    track(gpointer, connectSignal(gpointer, signal, handler))
  }

  /// Every key before any widget sees it (the capture phase): return true to swallow it.
  public func onKeyCaptured(_ handler: @escaping @MainActor (_ keyval: UInt32, _ modifiers: UInt32) -> Bool) {
    let controller = shim_add_capture_key_controller(pointer)!
    let instance = UnsafeMutableRawPointer(controller)
    track(instance, connectKeySignal(instance, handler))
  }

  /// Physical keys: return true when the key was used.
  public func onKeyPressed(_ handler: @escaping @MainActor (_ keyval: UInt32, _ modifiers: UInt32) -> Bool) {
    let controller = shim_add_key_controller(pointer)!
    let instance = UnsafeMutableRawPointer(controller)
    track(instance, connectKeySignal(instance, handler))
  }

  public func addClass(_ name: String) { gtk_widget_add_css_class(pointer, name) }
  public func removeClass(_ name: String) { gtk_widget_remove_css_class(pointer, name) }
  public func setExpand(horizontal: Bool, vertical: Bool) {
    shim_widget_set_expand(pointer, horizontal ? 1 : 0, vertical ? 1 : 0)
  }
  public func setAlign(_ horizontal: Align, _ vertical: Align) {
    shim_widget_set_align(pointer, horizontal.rawValue, vertical.rawValue)
  }
  public func setSizeRequest(width: Int32, height: Int32) {
    shim_widget_set_size_request(pointer, width, height)
  }
  public var isVisible: Bool {
    get { gtk_widget_get_visible(pointer) != 0 }
    set { gtk_widget_set_visible(pointer, newValue ? 1 : 0) }
  }
  public var isSensitive: Bool {
    get { gtk_widget_get_sensitive(pointer) != 0 }
    set { gtk_widget_set_sensitive(pointer, newValue ? 1 : 0) }
  }
  public func grabFocus() { gtk_widget_grab_focus(pointer) }
  /// Takes the focus itself (an alert); a key typed while it has the focus goes on into `field`,
  /// which takes the focus back.
  public func makeFocusable(forwardingKeysTo field: Widget?) {
    shim_focusable_forwarding_keys(pointer, field?.pointer)
  }
  /// This widget is described by `others` (a field by its hint and its error message; two at most).
  public func describedBy(_ others: [Widget]) {
    guard let first = others.first else { return }
    shim_described_by(pointer, first.pointer, others.count > 1 ? others[1].pointer : nil)
  }
  /// The texts of the visible labels under this widget, in reading order.
  public func visibleTexts() -> [String] {
    guard let raw = shim_visible_texts(pointer) else { return [] }
    defer { g_free(raw) }
    return String(cString: raw).split(separator: "\u{1e}").map(String.init).filter { !$0.isEmpty }
  }
  /// The name a screen reader and the AT-SPI tests use.
  public func setAccessibleLabel(_ text: String) { shim_accessible_set_label(pointer, text) }
  public func setAccessibleDescription(_ text: String) { shim_accessible_set_description(pointer, text) }

  isolated deinit {
    for handler in handlers where g_signal_handler_is_connected(handler.instance, handler.id) != 0 {
      g_signal_handler_disconnect(handler.instance, handler.id)
    }
    g_object_unref(gpointer)
  }
}

public enum Align: Int32 {
  case fill = 0, start, end, center
  /// Lined up with the row's other baseline-aligned children by their text's baseline.
  case baseline
}

@MainActor
public final class Label: Widget {
  public init(_ text: String = "", classes: [String] = []) {
    super.init(taking: shim_label_new(text))
    classes.forEach(addClass)
  }
  public var text: String {
    get { String(cString: shim_label_get_text(pointer)) }
    set { shim_label_set_text(pointer, newValue) }
  }
  public func setWrap(_ wrap: Bool = true) { shim_label_set_wrap(pointer, wrap ? 1 : 0) }
  public func setXAlign(_ x: Float) { shim_label_set_xalign(pointer, x) }
  public func centre() { shim_label_set_justify_center(pointer) }
}

@MainActor
public final class Button: Widget {
  /// A button whose caption wraps; its accessible name is the caption.
  /// `wrap: false` keeps a short caption on one line (cheaper to lay out in a row).
  public init(_ label: String, classes: [String] = [], wrap: Bool = true) {
    super.init(taking: wrap ? shim_button_new_wrapped(label) : shim_button_new_line(label))
    classes.forEach(addClass)
  }
  /// The page's title: a button whose role is a level-1 heading (where a screen reader starts).
  public init(heading label: String, classes: [String] = []) {
    super.init(taking: shim_heading_button_new(label))
    classes.forEach(addClass)
  }
  /// A toggle button (GtkToggleButton) with a one-line caption: its state is announced.
  public init(toggle label: String, active: Bool, classes: [String] = []) {
    super.init(taking: shim_toggle_new_line(label, active ? 1 : 0))
    classes.forEach(addClass)
  }
  /// A tile with an icon from the icon theme beside its caption.
  public init(_ label: String, icon: String, size: Int32 = 48, classes: [String] = []) {
    super.init(taking: shim_button_new_with_icon(icon, size, label))
    classes.forEach(addClass)
  }
  public func onClicked(_ handler: @escaping @MainActor () -> Void) { on("clicked", handler) }
  /// The caption at the start (left) on one line, as a heading (cut with … if ever too long).
  public func captionAtStart() { shim_button_caption_start(pointer) }
  /// Sets the caption and the accessible name together.
  public func setCaption(_ text: String) { shim_button_set_caption(pointer, text) }
}

/// The display's first monitor.
@MainActor
public enum Monitor {
  /// Its size in pixels; nil when the display has no monitor yet.
  public static var size: (width: Int32, height: Int32)? {
    var w: Int32 = 0
    var h: Int32 = 0
    shim_monitor_size(&w, &h)
    return w > 0 && h > 0 ? (w, h) : nil
  }
}

/// The display's clipboards.
@MainActor
public enum Clipboard {
  /// Empties the clipboard and the primary selection.
  public static func clear() { shim_clear_clipboards() }
}

@MainActor
public final class Entry: Widget {
  public init(placeholder: String = "", accessibleLabel: String) {
    super.init(taking: shim_entry_new())
    shim_entry_set_placeholder(pointer, placeholder)
    setAccessibleLabel(accessibleLabel)
    // Text comes from the on-screen keys, a keyboard or a scanner: no paste, emoji or context menu.
    shim_entry_lock(pointer)
  }
  public var text: String {
    get { String(cString: shim_editable_get_text(pointer)) }
    set { shim_editable_set_text(pointer, newValue) }
  }
  /// Puts the cursor at the end (after the on-screen keyboard typed).
  public func moveCursorToEnd() { shim_editable_set_position(pointer, -1) }
  /// Shows dots instead of what is typed (a PIN).
  public func hideText() { shim_entry_set_visibility(pointer, 0) }
  public func preferDigits() { shim_entry_set_input_purpose_digits(pointer) }
  /// Enter pressed in the entry.
  public func onActivate(_ handler: @escaping @MainActor () -> Void) { on("activate", handler) }
  public func onChanged(_ handler: @escaping @MainActor () -> Void) { on("changed", handler) }
}

@MainActor
/// A picture from a file (SVG or PNG), `size` pixels square.
public final class Image: Widget {
  public init(file: String, size: Int32, classes: [String] = []) {
    super.init(taking: shim_image_new_from_file(file, size))
    classes.forEach(addClass)
  }
}

public final class Box: Widget {
  private var children: [Widget] = []
  /// A vertical box with the alert role (an error summary: announced when shown).
  public init(alertSpacing spacing: Int32, classes: [String] = []) {
    super.init(taking: shim_alert_box_new(spacing))
    classes.forEach(addClass)
  }
  public init(vertical: Bool, spacing: Int32 = 0, classes: [String] = []) {
    super.init(taking: shim_box_new(vertical ? 1 : 0, spacing))
    classes.forEach(addClass)
  }
  @discardableResult
  public func append<W: Widget>(_ child: W) -> W {
    shim_box_append(pointer, child.pointer)
    children.append(child)
    return child
  }
  /// Gives every child the same width (a row of tiles).
  public func setHomogeneous(_ on: Bool) { shim_box_set_homogeneous(pointer, on ? 1 : 0) }
  public var hasChildren: Bool { !children.isEmpty }
  /// Takes every child out (their Swift objects go away with them).
  public func removeAll() {
    for child in children { shim_box_remove(pointer, child.pointer) }
    children.removeAll()
  }
  /// Replaces the CSS classes given before with these.
  public func setClasses(_ remove: [String], _ add: [String]) {
    remove.forEach(removeClass)
    add.forEach(addClass)
  }
}

/// Children in equal columns, row by row (the service tiles).
@MainActor
public final class Grid: Widget {
  private var children: [Widget] = []
  public init(columnSpacing: Int32, rowSpacing: Int32) {
    super.init(taking: shim_grid_new(columnSpacing, rowSpacing))
  }
  @discardableResult
  public func attach<W: Widget>(_ child: W, column: Int32, row: Int32) -> W {
    shim_grid_attach(pointer, child.pointer, column, row)
    children.append(child)
    return child
  }
}

/// Scrolls its child vertically when it is taller than the page.
@MainActor
public final class Scrolled: Widget {
  private let child: Widget
  public init(_ child: Widget) {
    self.child = child
    super.init(taking: shim_scrolled_new(child.pointer))
  }
  /// Shows the end of the content (call once it has been laid out, e.g. after a paint).
  public func scrollToEnd() { shim_scrolled_to_end(pointer) }
  /// Brings `widget` (inside the content) to the top of the view, after layout like scrollToEnd.
  public func scrollToShow(_ widget: Widget) { shim_scrolled_to_widget(pointer, child.pointer, widget.pointer) }
  /// The part of the page it shows, in `window`'s coordinates (after layout).
  public func view(in window: Window) -> Rect? {
    var x = 0.0
    var y = 0.0
    var w = 0.0
    var h = 0.0
    guard shim_scrolled_view(pointer, window.pointer, &x, &y, &w, &h) != 0 else { return nil }
    return Rect(x: x, y: y, width: w, height: h)
  }
  /// A scrollbar is on screen beside the view (not an overlay one that shows only while scrolling).
  public var scrollbarShown: Bool { shim_scrollbar_shown(pointer) != 0 }
}

/// A rectangle in a window's coordinates.
public struct Rect: Sendable, Equatable {
  public var x, y, width, height: Double
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
  /// Whether `other` lies inside this one (to within a pixel of rounding).
  public func contains(_ other: Rect) -> Bool {
    other.x >= x - 1 && other.y >= y - 1 && other.x + other.width <= x + width + 1
      && other.y + other.height <= y + height + 1
  }
}

/// A button, label or text field a person sees, as the page tour surveys it (see Window.survey).
public struct SurveyedWidget: Sendable, Equatable {
  /// "button", "label" or "field".
  public var kind: String
  public var frame: Rect
  /// The size of its caption's font in pixels (a button: the smallest of its labels').
  public var fontPixels: Double
  /// Inside the page's scrolled part (reachable by scrolling), not the fixed banner or footer.
  public var scrolls: Bool
  /// Its caption (a button: its labels' text; a field: what it holds).
  public var caption: String
}

@MainActor
public final class Window: Widget {
  private var content: Widget?

  public init(application: Application) {
    super.init(taking: shim_window_new(application.pointer))
  }
  public func setTitle(_ title: String) { shim_window_set_title(pointer, title) }
  public func setDecorated(_ decorated: Bool) { shim_window_set_decorated(pointer, decorated ? 1 : 0) }
  public func fullscreen() { shim_window_fullscreen(pointer) }
  public func setDefaultSize(width: Int32, height: Int32) {
    shim_window_set_default_size(pointer, width, height)
  }
  public func present() { shim_window_present(pointer) }
  /// Touch screens show no pointer.
  public func hideCursor() { shim_widget_hide_cursor(pointer) }
  public func close() { shim_window_destroy(pointer) }
  /// Replaces the window's content; the old page's Swift objects go away with it.
  public func setContent(_ widget: Widget) {
    if frame == nil { frame = shim_window_frame_new(pointer) }
    shim_frame_set_child(frame, widget.pointer)
    content = widget
  }
  /// Puts `widget` in as the content and measures it at the window's width, so that its fonts
  /// are loaded and its text shaped before it is first shown; nothing is painted. The caller puts
  /// the content it wants shown back (`setContent`) before the next frame.
  public func prepare(_ widget: Widget) {
    setContent(widget)
    shim_widget_measure_at_window_width(frame, pointer)
  }
  /// Loads the theme's icon `name` at `size` pixels as an image in this window would, and draws it
  /// once (the theme keeps it): its first showing does not wait for it.
  public func preloadIcon(_ name: String, size: Int32) { shim_icon_preload(pointer, name, size) }
  /// Pixels by which the content's minimum width exceeds the window's width (0: it fits).
  public var contentOverflow: Int32 {
    guard let content else { return 0 }
    return shim_window_overflow(pointer, content.pointer)
  }
  /// The scrolled window (never scrolling) between the window and its content; see shim_window_frame_new.
  private var frame: UnsafeMutablePointer<GtkWidget>?
  /// Writes what the window shows to a PNG; false when nothing has been drawn yet.
  public func snapshot(toPNG path: String) -> Bool { shim_snapshot_png(pointer, path) != 0 }
  public var rendererName: String { String(cString: shim_renderer_name(pointer)) }

  /// Every button, label and text field shown below `root`, where it is now and its caption's size.
  public func survey(_ root: Widget, scrolled: Scrolled?) -> [SurveyedWidget] {
    guard let raw = shim_survey(pointer, root.pointer, scrolled?.pointer) else { return [] }
    defer { g_free(raw) }
    return String(cString: raw).split(separator: "\n").compactMap { line in
      let f = line.split(separator: "\t", maxSplits: 7, omittingEmptySubsequences: false).map(String.init)
      guard f.count == 8, let x = Double(f[1]), let y = Double(f[2]), let w = Double(f[3]), let h = Double(f[4]),
        let px = Double(f[5])
      else { return nil }
      return SurveyedWidget(
        kind: f[0], frame: Rect(x: x, y: y, width: w, height: h), fontPixels: px, scrolls: f[6] == "1", caption: f[7])
    }
  }
  public var width: Double { Double(gtk_widget_get_width(pointer)) }
  public var height: Double { Double(gtk_widget_get_height(pointer)) }

  /// Calls `body` once, after the window's next frame has been painted (the window is mapped).
  public func onNextPaint(_ body: @escaping @MainActor () -> Void) {
    Window.once(body) { shim_on_next_paint(pointer, $0, $1) }
  }

  /// Calls `body` once, after the window's first frame has been painted.
  public func onFirstPaint(_ body: @escaping @MainActor () -> Void) {
    Window.once(body) { shim_on_first_paint(pointer, $0, $1) }
  }

  /// Hands `body` to a one-shot C callback registration; the box is released when it has run.
  private static func once(
    _ body: @escaping @MainActor () -> Void, _ register: (shim_void_cb, UnsafeMutableRawPointer) -> Void
  ) {
    let user = Unmanaged.passRetained(ClosureBox<VoidHandler>(body)).toOpaque()
    register(
      { user in
        guard let user else { return }
        let box = Unmanaged<ClosureBox<VoidHandler>>.fromOpaque(user).takeRetainedValue()
        MainActor.assumeIsolated { box.body() }
      }, user)
  }
}

/// The GtkApplication; non-unique so that tests can run several at once without D-Bus names.
@MainActor
public final class Application {
  let pointer: UnsafeMutablePointer<GtkApplication>
  private var activateHandler: gulong = 0

  public init(id: String) {
    pointer = gtk_application_new(id, G_APPLICATION_NON_UNIQUE)
  }
  public func onActivate(_ handler: @escaping @MainActor () -> Void) {
    activateHandler = connectSignal(UnsafeMutableRawPointer(pointer), "activate", handler)
  }
  public func run() -> Int32 {
    let status = g_application_run(UnsafeMutablePointer<GApplication>(OpaquePointer(pointer)), 0, nil)
    return status
  }
  public func quit() { g_application_quit(UnsafeMutablePointer<GApplication>(OpaquePointer(pointer))) }
}

public enum Style {
  /// Adds a CSS theme for the whole display (call after the display opens).
  @MainActor public static func load(css: String) { shim_load_css(css) }
}
