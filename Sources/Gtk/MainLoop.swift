import CGtk

/// A sendable box for work handed to the GLib main loop from another thread.
private final class MainWork: @unchecked Sendable {
  let body: @MainActor @Sendable () -> Void
  init(_ body: @escaping @MainActor @Sendable () -> Void) { self.body = body }
}

private let runOnce: GSourceFunc = { user in
  guard let user else { return 0 }
  let work = Unmanaged<MainWork>.fromOpaque(user).takeUnretainedValue()
  MainActor.assumeIsolated { work.body() }
  return 0  // G_SOURCE_REMOVE
}

private let releaseWork: GDestroyNotify = { user in
  if let user { Unmanaged<MainWork>.fromOpaque(user).release() }
}

/// The way onto GTK's thread. Swift's main queue is not drained by GLib's loop on Linux, so
/// `DispatchQueue.main` and `@MainActor` hops from other threads would never run while GTK runs:
/// work goes through the GLib main context instead.
public enum MainLoop {
  /// Runs `body` on the GLib main loop (the main thread), soon. Safe from any thread.
  public static func invoke(_ body: @escaping @MainActor @Sendable () -> Void) {
    let user = Unmanaged.passRetained(MainWork(body)).toOpaque()
    g_idle_add_full(G_PRIORITY_DEFAULT, runOnce, user, releaseWork)
  }

  /// Runs `body` on the GLib main loop and returns its result to async code on any thread.
  public static func run<T: Sendable>(_ body: @escaping @MainActor @Sendable () -> T) async -> T {
    await withCheckedContinuation { cont in
      invoke { cont.resume(returning: body()) }
    }
  }

  /// Iterates the default main context once (tests, and loops that wait for GTK).
  @discardableResult
  public static func iterate(blocking: Bool = false) -> Bool {
    g_main_context_iteration(nil, blocking ? 1 : 0) != 0
  }

  /// Milliseconds on CLOCK_MONOTONIC, the clock the benchmarks compare against.
  public static func monotonicMilliseconds() -> Double { shim_monotonic_ms() }
}

/// A repeating or one-shot timer on the GLib loop; stops when cancelled or released.
@MainActor
public final class LoopTimer {
  private var sourceID: guint = 0

  /// Calls `body` every `milliseconds` until it returns false or the timer is cancelled.
  public init(every milliseconds: UInt32, _ body: @escaping @MainActor () -> Bool) {
    let box = Unmanaged.passRetained(ClosureBox<@MainActor () -> Bool>(body)).toOpaque()
    sourceID = g_timeout_add_full(
      G_PRIORITY_DEFAULT, milliseconds,
      { user in
        guard let user else { return 0 }
        let box = Unmanaged<ClosureBox<@MainActor () -> Bool>>.fromOpaque(user).takeUnretainedValue()
        return MainActor.assumeIsolated { box.body() } ? 1 : 0
      }, box,
      { user in if let user { Unmanaged<AnyObject>.fromOpaque(user).release() } })
  }

  public func cancel() {
    if sourceID != 0, g_main_context_find_source_by_id(nil, sourceID) != nil {
      g_source_remove(sourceID)
    }
    sourceID = 0
  }

  isolated deinit { cancel() }
}

/// GTK's own start-up (the display, settings), callable before the application runs so that it
/// can overlap other work.
public enum GtkRuntime {
  /// `programName` first: the accessibility bus names the application by it.
  /// The display may not take connections yet (a compositor or Xvfb just started): it is asked
  /// again for up to `waitSeconds`. False when there is still no display.
  @MainActor public static func initialize(programName: String, waitSeconds: Double = 5) -> Bool {
    g_set_prgname(programName)
    if gtk_init_check() != 0 { return true }
    var waited = 0.0
    while waited < waitSeconds {
      usleep(100_000)
      waited += 0.1
      if let display = gdk_display_open(nil) {
        gdk_display_manager_set_default_display(gdk_display_manager_get(), display)
        return true
      }
    }
    return false
  }

  /// The display's backend: "wayland" under cage, "x11" under Xvfb or an X server.
  @MainActor public static var displayBackend: String { String(cString: shim_display_backend()) }
}

/// Start-up phases on standard error, with BHUMISEBA_TRACE_STARTUP=1 (for the start-up benchmark's
/// analysis; nothing of a citizen is ever in it).
public enum StartupTrace {
  static let on = getenv("BHUMISEBA_TRACE_STARTUP") != nil
  public static func mark(_ phase: String) {
    guard on else { return }
    let line = Array("startup \(phase) \(MainLoop.monotonicMilliseconds())\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  }
}
