import CGtk

/// Holds a Swift closure for GLib. GLib owns one retained reference to it (the signal's or the
/// source's user data) and releases it through the destroy-notify when the handler goes away.
/// Only ever touched on the GTK thread; Sendable so that `MainActor.assumeIsolated` can take it.
final class ClosureBox<T>: @unchecked Sendable {
  let body: T
  init(_ body: T) { self.body = body }
}

typealias VoidHandler = @MainActor () -> Void
typealias KeyHandler = @MainActor (_ keyval: UInt32, _ state: UInt32) -> Bool

/// Releases the box that `g_signal_connect_data` was given.
private let releaseBox: GClosureNotify = { data, _ in
  if let data { Unmanaged<AnyObject>.fromOpaque(data).release() }
}

/// `void handler(GObject *instance, gpointer user_data)`: clicked, activate, changed, map…
private let voidTrampoline: @convention(c) (gpointer?, gpointer?) -> Void = { _, user in
  guard let user else { return }
  let box = Unmanaged<ClosureBox<VoidHandler>>.fromOpaque(user).takeUnretainedValue()
  MainActor.assumeIsolated { box.body() }
}

/// `gboolean handler(GtkEventControllerKey*, guint keyval, guint keycode, GdkModifierType, gpointer)`.
/// The return type must be gboolean: returning nothing drops key events at random.
private let keyTrampoline: @convention(c) (gpointer?, guint, guint, GdkModifierType, gpointer?) -> gboolean = {
  _, keyval, _, state, user in
  guard let user else { return 0 }
  let box = Unmanaged<ClosureBox<KeyHandler>>.fromOpaque(user).takeUnretainedValue()
  return MainActor.assumeIsolated { box.body(keyval, state.rawValue) } ? 1 : 0
}

/// `gboolean handler(GtkWindow*, gpointer)` for close-request.
private let boolTrampoline: @convention(c) (gpointer?, gpointer?) -> gboolean = { _, user in
  guard let user else { return 0 }
  let box = Unmanaged<ClosureBox<@MainActor () -> Bool>>.fromOpaque(user).takeUnretainedValue()
  return MainActor.assumeIsolated { box.body() } ? 1 : 0
}

@MainActor
func connectSignal(_ instance: gpointer, _ name: String, _ handler: @escaping VoidHandler) -> gulong {
  let box = Unmanaged.passRetained(ClosureBox(handler)).toOpaque()
  return g_signal_connect_data(
    instance, name, unsafeBitCast(voidTrampoline, to: GCallback.self), box, releaseBox, GConnectFlags(0))
}

@MainActor
func connectKeySignal(_ instance: gpointer, _ handler: @escaping KeyHandler) -> gulong {
  let box = Unmanaged.passRetained(ClosureBox(handler)).toOpaque()
  return g_signal_connect_data(
    instance, "key-pressed", unsafeBitCast(keyTrampoline, to: GCallback.self), box, releaseBox,
    GConnectFlags(0))
}

@MainActor
func connectBoolSignal(_ instance: gpointer, _ name: String, _ handler: @escaping @MainActor () -> Bool)
  -> gulong
{
  let box = Unmanaged.passRetained(ClosureBox(handler)).toOpaque()
  return g_signal_connect_data(
    instance, name, unsafeBitCast(boolTrampoline, to: GCallback.self), box, releaseBox, GConnectFlags(0))
}
