"""The kiosk tapped through as a person would: a real GTK window under Xvfb, found and driven
through the accessibility tree (AT-SPI) by tapping its on-screen keys, printing through the test
command's private cupsd.

Run with pytest by scripts/test.sh (inside scripts/with-display.sh: Xvfb, a D-Bus session and the
AT-SPI bus): `bash scripts/test.sh ui [TEST_NAME …]`."""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata

import pyatspi
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KIOSK = os.environ.get("BHUMISEBA_KIOSK_BIN", os.path.join(ROOT, ".build/debug/bhumiseba-kiosk"))
CUPS_DIR = os.environ["BHUMISEBA_TEST_CUPS_DIR"]
START = "শুরু করতে ছুঁয়ে দিন"
NAMJARI = "ই-নামজারি আবেদন"
DAKHILA = "দাখিলার প্রিন্ট কপি"
NEXT = "পরবর্তী"
CONFIRM = "নিশ্চিত করুন ও স্লিপ ছাপুন"
NAME_FIELD = "আবেদনকারীর নাম / Applicant's name"
NID_FIELD = "জাতীয় পরিচয়পত্র নম্বর / National ID number"
MOBILE_FIELD = "মোবাইল নম্বর / Mobile number"
BN_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def wait_for(what, predicate, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = predicate()
        except Exception:  # the tree changes under us while a page is replaced
            found = None
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def walk(node):
    """Every node below `node`; a node that went away while the page was replaced is skipped."""
    yield node
    try:
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return
    for child in children:
        if child is not None:
            yield from walk(child)


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return None


@pytest.fixture
def kiosk():
    """Starts kiosks for a test (`kiosk(config_lines, env)`), each with its own data folder, and
    stops every one of them when the test ends, passed or failed."""
    started = []

    def start(config_lines=(), env=None, args=()):
        k = Kiosk(config_lines, env, args)
        started.append(k)
        return k

    yield start
    for k in started:
        k.close()


class Kiosk:
    """One kiosk process with its own data folder and config."""

    def __init__(self, config_lines=(), env=None, args=()):
        self.tmp = tempfile.mkdtemp(prefix="kiosk-ui-")
        self.config = os.path.join(self.tmp, "kiosk.conf")
        with open(self.config, "w") as f:
            f.write("[storage]\ndata_dir = %s/data\n" % self.tmp)
            f.write("\n".join(config_lines) + "\n")
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.prefix = []  # what the kiosk is started through (a private mount namespace …)
        self.args = list(args)  # more of the kiosk's options (--board)
        self._start()

    def crash_and_restart(self):
        """kill -9, as a power cut would, then the kiosk starts again on the same data."""
        self.proc.kill()
        self.proc.wait(5)
        self._start()

    def _start(self):
        self.proc = subprocess.Popen([*self.prefix, KIOSK, "--config", self.config, *self.args], env=self.env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            self.app = wait_for("the kiosk on the AT-SPI bus", self._find_app)
        except AssertionError:
            self.proc.kill()
            out = self.proc.stdout.read().decode(errors="replace")
            raise AssertionError(
                f"the kiosk did not appear on the AT-SPI bus (exit {self.proc.poll()}): {out[-2000:]}") from None

    def _find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == "bhumiseba-kiosk" and app.get_process_id() == self.proc.pid:
                return app
        return None

    def find(self, role, name=None, contains=None):
        for node in walk(self.app):
            try:
                if node.getRoleName() != role:
                    continue
                if name is not None and node.name == name:
                    return node
                if contains is not None and contains in node.name:
                    return node
            except Exception:
                continue  # gone while the page was replaced
        return None

    def wait(self, role, name=None, contains=None, timeout=15.0):
        try:
            return wait_for(f"{role} {name or contains!r}", lambda: self.find(role, name, contains), timeout)
        except AssertionError as e:
            raise AssertionError(f"{e}; the screen shows: {self.labels()}") from None

    def tap(self, name=None, contains=None):
        button = self.wait("push button", name, contains)
        button.queryAction().doAction(0)


    def labels(self):
        return [n.name for n in walk(self.app) if n.getRoleName() == "label"]

    def ctl(self, *args, input=None):
        """kioskctl on this kiosk's config and data."""
        kioskctl = os.path.join(os.path.dirname(KIOSK), "kioskctl")
        words = [a for a in args if not a.startswith("-")]
        depth = 2 if words and words[0] in ("operator", "ledger", "queue", "complaints") else 1
        return subprocess.run([kioskctl, *args[:depth], "--config", self.config, *args[depth:]],
                              input=input, capture_output=True, text=True, env=self.env)

    def db(self):
        return sqlite3.connect(os.path.join(self.tmp, "data", "kiosk.sqlite"))

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def captured_jobs(queue="capture"):
    folder = os.path.join(CUPS_DIR, "capture")
    return sorted(f for f in os.listdir(folder) if f.startswith(queue + "-") and f.endswith(".bin"))


def pdftext(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text):
    """pdftotext may put spaces inside Bengali clusters and wraps lines: compare without space."""
    return "".join(text.split())


def set_fault(queue, word):
    path = os.path.join(CUPS_DIR, "capture", queue + ".fault")
    if word:
        with open(path, "w") as f:
            f.write(word)
    elif os.path.exists(path):
        os.remove(path)


def field(q):
    """The accessible name of a question's field: its label in Bengali / English."""
    return "%s / %s" % (q["label"]["bn"], q["label"]["en"])


def text_of(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def field_shows(k, name, expected, timeout=5.0):
    """Waits until the field holds `expected` (taps are delivered asynchronously); says what it holds."""
    try:
        wait_for(f"{name} to hold {expected!r}", lambda: text_of(k.find("text", name)) == expected, timeout)
    except AssertionError:
        node = k.find("text", name)
        holds = text_of(node) if node else None
        raise AssertionError(f"the field {name!r} holds {holds!r}, not {expected!r}") from None


BN_TO_LATIN = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# The keys that change what the keyboard shows, by their names on Bengali and English screens.
DIGIT_PAGE = ("সংখ্যা", "digits")
LETTER_PAGE = ("অক্ষর", "letters")
LAYOUT = ("জাতীয় বিন্যাস", "ইংরেজি অক্ষর", "বাংলা অক্ষর", "Jatiya layout", "English letters", "Bengali letters")
SHIFT = ("বড় হাতের / দ্বিতীয় স্তর", "shift")
ERASE = ("মুছুন", "backspace")


def visible(node):
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def keys_on_screen(k):
    """The on-screen keys a person sees now: what each types (its accessible description; the
    kiosk's other buttons have none) -> the key."""
    keys = {}
    for node in walk(k.app):
        try:
            if node.getRoleName() == "push button" and node.description and visible(node):
                keys.setdefault(unicodedata.normalize("NFC", node.description), node)
        except Exception:
            continue
    return keys


def settled_keys(k):
    """The keys once the keyboard has been rebuilt (two looks in a row agree)."""
    last = keys_on_screen(k)
    for _ in range(20):
        time.sleep(0.05)
        now = keys_on_screen(k)
        if set(now) == set(last):
            return now
        last = now
    return last


def press(node, what):
    """One tap, at a person's pace: GTK ignores a second activation of the same button within
    250 ms (it is still showing the first press), so a repeated key waits for that."""
    wait = LAST_TAP.get(what, 0) + 0.3 - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    node.queryAction().doAction(0)
    LAST_TAP[what] = time.monotonic()


def tap_mode(k, names):
    for node in walk(k.app):
        try:
            if node.getRoleName() == "push button" and node.name in names and visible(node):
                press(node, node.name)
                time.sleep(0.1)  # the keyboard is rebuilt
                return True
        except Exception:
            continue
    return False


def type_keys(k, text):
    """Types `text` by tapping on-screen keys only, as a person does: finds the key whose caption is
    the next character (or characters: য় is one key), and when the keyboard on screen has none,
    taps what a person would — the digit page, back to letters, shift, the next layout. Digits are
    typed in the script the keys show (the screen's language)."""
    target = unicodedata.normalize("NFC", text)
    i = 0
    keys = keys_on_screen(k)
    while i < len(target):
        rest = target[i:]
        twin = rest[0].translate(BN_DIGITS) if rest[0] in "0123456789" else rest[0].translate(BN_TO_LATIN)
        found = None
        for typed, node in sorted(keys.items(), key=lambda kv: -len(kv[0])):
            if typed and (rest.startswith(typed) or (len(typed) == 1 and typed == twin)):
                found = (typed, node)
                break
        if found:
            press(found[1], found[0])
            i += len(found[0]) if rest.startswith(found[0]) else 1
            if any(n in keys for n in SHIFT) and found[0] != found[0].lower():
                keys = keys_on_screen(k)  # shift falls back to plain after one key
            continue
        # No key for it on this keyboard: what a person would tap to find one.
        digit = rest[0] in "0123456789০১২৩৪৫৬৭৮৯/-.,"
        shifted = False
        for _ in range(12):
            if digit and tap_mode(k, DIGIT_PAGE):
                pass
            elif not digit and tap_mode(k, LETTER_PAGE):
                pass
            elif not shifted and tap_mode(k, SHIFT):
                shifted = True
            elif tap_mode(k, LAYOUT):
                shifted = False
            else:
                break
            # The keyboard is rebuilt after the tap: wait until other keys show.
            old = set(keys)
            try:
                wait_for("the keyboard to change", lambda old=old: set(keys_on_screen(k)) != old, 3)
            except AssertionError:
                pass
            keys = settled_keys(k)
            if any(rest.startswith(t) for t in keys) or twin in keys:
                break
        else:
            keys = {}
        assert any(rest.startswith(t) for t in keys) or twin in keys, \
            f"no on-screen key types {rest[0]!r} (U+{ord(rest[0]):04X}); keys: {sorted(keys)[:80]}"


def clear_field(k, name):
    """Empties a field with the backspace key, one tap a character."""
    k.wait("text", name)
    for _ in range(200):
        node = k.find("text", name)
        if node is None or text_of(node) == "":
            return
        if not tap_mode(k, ERASE):
            raise AssertionError("no backspace key on screen")
    raise AssertionError(f"{name} would not empty")


def set_text(k, name, value):
    """Replaces what the field holds, tapping on-screen keys only (backspace, then the keys)."""
    clear_field(k, name)
    type_keys(k, value)
    expected = value if not value or not any(c.isdigit() for c in value) else None
    if expected is not None:
        field_shows(k, name, expected)
    else:
        # Digits show in the screen's script: compare as digits.
        want = unicodedata.normalize("NFC", value).translate(BN_TO_LATIN)
        wait_for(f"{name} to hold {value!r}",
                 lambda: unicodedata.normalize("NFC", text_of(k.find("text", name))).translate(BN_TO_LATIN) == want, 5)


def luhn_code(body):
    """A well-formed resume code: 14 digits and the Luhn check digit the kiosk uses."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def answer(k, name, value, next_button=NEXT):
    """Types an answer into the page's field and taps Next; waits for the page to be redrawn
    (the next question, or the same one with its error)."""
    set_text(k, name, value)
    before = k.wait("push button", next_button).path
    k.tap(next_button)

    def redrawn():
        now = k.find("push button", next_button)
        return now is None or now.path != before
    wait_for("the page after " + name, redrawn)


LAST_TAP = {}


SCREEN_WIDTH = 1280  # scripts/with-display.sh: Xvfb -screen 0 1280x800


def assert_fits(k, page, language_button="English"):
    """Nothing the citizen should see or tap runs off the 1280 px screen, and no page is wider than
    the screen: the language button (top right) stays exactly where the home page has it (a page
    wider than the screen pushes it right, partly out of sight)."""
    time.sleep(0.3)  # the page's layout has settled
    off = []
    edge = None
    for node in walk(k.app):
        if node.getRoleName() not in ("push button", "label", "text"):
            continue
        x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        if w > 0 and (x < 0 or x + w > SCREEN_WIDTH):
            off.append((node.name[:30], x, w))
        if node.getRoleName() == "push button" and node.name == language_button:
            edge = x + w
    assert not off, f"{page}: off the screen (name, x, width): {off}"
    assert edge is not None, f"{page}: no {language_button} button"
    edges = k.__dict__.setdefault("edges", {})
    expected = edges.get(language_button)
    if expected is None:
        edges[language_button] = edge
    else:
        moved = edge - expected
        assert edge <= expected, f"{page}: the page is wider than the screen (the top bar moved {moved} px right)"


def tap_keys(k, keys):
    """Taps on-screen keys by their names, at a person's pace (see press)."""
    for key in keys:
        press(k.wait("push button", key), key)


def begin(k, service):
    k.tap(START)
    k.tap(service)
    k.tap("চালিয়ে যান")
    k.tap("আমি রাজি")


def quick_slip(k, name="করিম উদ্দিন"):
    """The shortest service (dakhila print: name and mobile) to a printed slip."""
    begin(k, DAKHILA)
    answer(k, NAME_FIELD, name)
    answer(k, MOBILE_FIELD, "01712345678")
    k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
    k.tap(CONFIRM)


NAMJARI_PURCHASE = [
    ("date_of_birth", "21/03/1985"),
    ("mobile", "০১৭১২-৩৪৫৬৭৮"),
    ("land_place", "সাভার, ঢাকা, ঢাকা"),
    ("mouza", "আশুলিয়া"),
    ("jl_number", "42"),
    ("khatian_number", "123"),
    ("dag_numbers", "12,13"),  # the keypad has a comma and no space
    ("land_amount", "12.5"),
    ("latest_mutation_khatian", ""),  # never mutated since the survey: left empty
    ("latest_mutation_dag", ""),
    ("deed_number", "5567"),
    ("deed_date", "02/05/2024"),
    ("seller_name", "করিম উদ্দিন"),
    ("representative", "না"),
    ("online_hearing", "হ্যাঁ"),
    ("scanned_pages", "25"),
]


def catalogue_questions(service):
    import json
    with open(os.path.join(ROOT, "assets/catalogue/services", service + ".json")) as f:
        return {q["id"]: q for q in json.load(f)["questions"]}


def slip_job(before):
    new = sorted(set(captured_jobs()) - before)
    assert len(new) == 1, new
    return os.path.join(CUPS_DIR, "capture", new[0])


def qr_of(pdf):
    png = subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", pdf], capture_output=True, check=True).stdout
    return subprocess.run(["zbarimg", "-q", "--raw", "-"], input=png, capture_output=True).stdout.decode().strip()


# ---------------------------------------------------------------------------------------------

def test_namjari_by_purchase_home_to_printed_slip(kiosk):
    """The whole e-Namjari journey by purchase, typed on the on-screen keyboards, to a printed slip."""
    qs = catalogue_questions("namjari")
    before = set(captured_jobs())
    k = kiosk(["[printing]", "slip_queue = capture"])
    assert k.find("label", contains="১৬১২২"), "the home page shows the helpline 16122 in Bengali digits"
    assert k.find("label", contains="শনিবার থেকে বৃহস্পতিবার"), "the home page shows the opening days"
    assert_fits(k, "home")
    k.tap(START)
    k.wait("push button", NAMJARI)
    assert_fits(k, "services")
    k.tap(NAMJARI)
    fee = json.loads(subprocess.run([os.path.join(os.path.dirname(KIOSK), "kioskctl"), "fee", "namjari",
                                     "--area", "C", "--json"], capture_output=True, text=True, check=True).stdout)
    centre = [l for l in fee["lines"] if l.get("kind", "") == "centre" or "centre" in l.get("id", "")]
    amount = str(centre[0]["amount"] if centre else fee["total"]).translate(BN_DIGITS)
    # Waited for: the page may still be coming while kioskctl answered (a loaded machine).
    assert k.wait("label", contains=amount + " টাকা"), f"the info page shows the centre fee {amount}: {k.labels()}"
    k.tap("চালিয়ে যান")
    assert k.wait("label", contains="দিন"), "consent says for how long"
    k.tap("আমি রাজি")
    # The name, letter by letter on the Bengali keyboard (vowel signs after their consonant).
    k.wait("text", NAME_FIELD)
    tap_keys(k, ["র", "হ", "ই-কার", "ম", "আ-কার", "ফাঁকা জায়গা", "খ", "আ-কার", "ত", "উ-কার", "ন"])
    field_shows(k, NAME_FIELD, "রহিমা খাতুন")
    k.tap(NEXT)
    assert_fits(k, "a choice")
    k.tap("ক্রয়")
    k.wait("text", NID_FIELD)
    assert_fits(k, "a number on the keypad")
    tap_keys(k, list("১২৩৪৫৬৭৮৯০"))
    field_shows(k, NID_FIELD, "১২৩৪৫৬৭৮৯০")
    k.tap(NEXT)
    for qid, value in NAMJARI_PURCHASE:
        if qs[qid]["type"] == "place":
            choose_place(k)
        elif qs[qid]["type"] == "yesno":
            k.wait("label", name=qs[qid]["label"]["bn"])
            k.tap(value)
            wait_for(f"the page after {qid}", lambda qid=qid: k.find("label", name=qs[qid]["label"]["bn"]) is None)
        else:
            answer(k, field(qs[qid]), value)
    k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
    assert_fits(k, "check answers")
    for shown in ["রহিমা খাতুন", "ক্রয়", "১২৩৪৫৬৭৮৯০", "০১৭১২৩৪৫৬৭৮", "করিম উদ্দিন"]:
        assert k.find("label", name=shown), f"check answers shows {shown}: {k.labels()}"
    k.tap(CONFIRM)
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    with k.db() as db:
        code, state, service = db.execute("SELECT resume_code, state, service_id FROM draft").fetchone()
        answers = dict(db.execute("SELECT question_id, value FROM draft_answer").fetchall())
        job_state = db.execute("SELECT state FROM print_job").fetchone()[0]
    assert service == "namjari", service
    assert answers["applicant_name"] == "রহিমা খাতুন", answers
    assert answers["acquisition_type"] == "purchase"
    assert answers["nid"] == "1234567890"
    assert answers["mobile"] == "01712345678", "the mobile number is stored normalised"
    assert answers["date_of_birth"] == "1985-03-21", answers["date_of_birth"]
    assert answers["seller_name"] == "করিম উদ্দিন"
    assert "deceased_owner_name" not in answers, "an inheritance question was not asked"
    assert answers["latest_mutation_khatian"] == "" and answers["latest_mutation_dag"] == "", "optional, left empty"
    assert (answers["representative"], answers["online_hearing"]) == ("no", "yes")
    assert len(answers) == 19, sorted(answers)
    assert job_state == "printed", job_state
    grouped = f"{code[0:5]}-{code[5:10]}-{code[10:15]}"
    assert grouped.translate(BN_DIGITS) in k.labels(), "the screen shows the code in Bengali digits"
    pdf = slip_job(before)
    text = pdftext(pdf)
    assert grouped in text, "the slip carries the resume code"
    assert "প্রাপ্তি স্বীকারপত্র" in text and "Acknowledgement slip" in text
    assert squeezed("রহিমা খাতুন") in squeezed(text), "the applicant's name on the slip:\n" + text
    assert squeezed("ই-নামজারি") in squeezed(text), "the service on the slip"
    assert "16122" in text and "১৬১২২" in text
    assert qr_of(pdf) == "BHUMISEBA:" + code
    # The queue token (issue 16): the centre's first ক of the day, on the screen and large on the slip.
    assert k.find("label", name="ক-০০১"), f"the confirmation page shows the token: {k.labels()}"
    assert k.find("label", contains="ডাক না আসা পর্যন্ত অপেক্ষা করুন")
    assert "ক-০০১" in text and "ক-001" in text and "Wait until your token is called" in text, text
    with k.db() as db:
        assert db.execute("SELECT letter, number, state FROM queue_token").fetchall() == [("ক", 1, "waiting")]
    k.tap("শেষ")
    k.wait("push button", START)


# What a first-time citizen taps for each type of question, and what the kiosk must then keep.
TOUCH_ANSWERS = {
    "name": ("রহিমা খাতুন", "রহিমা খাতুন"),
    "nid": ("1234567890", "1234567890"),
    "mobile": ("01712345678", "01712345678"),
    "date": ("21/03/1985", "1985-03-21"),
    "number": ("3", "3"),
    "pages": ("25", "25"),
    "khatian": ("123", "123"),
    "jl": ("42", "42"),
    "dag": ("12,13", "12, 13"),
    "land_amount": ("12.5", "12.5"),
    "text": ("মিরপুর ১২", "মিরপুর 12"),  # kept with Latin digits, shown with Bengali ones
    "reference": ("ক-1234/2023", "ক-1234/2023"),
}
# Down the place list: (the level's heading to wait for, the place to tap).
PLACE_TAPS = [("বিভাগ বেছে নিন", "ঢাকা"), ("জেলা বেছে নিন", "ঢাকা"), ("উপজেলা বা সিটি কর্পোরেশন বেছে নিন", "সাভার"),
              ("ইউনিয়ন বেছে নিন", "আমার ইউনিয়ন তালিকায় নেই: শুধু সাভার উপজেলা লিখুন")]


def choose_place(k):
    """Down the place list by taps, as PLACE_TAPS says, until the place page is left."""
    for heading, name in PLACE_TAPS:
        k.wait("label", name=heading)
        press(k.wait("push button", name), name)
    wait_for("the page after the place", lambda: k.find("label", name=PLACE_TAPS[-1][0]) is None)


def services():
    import glob
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "assets/catalogue/services/*.json"))):
        with open(path) as f:
            out.append(json.load(f))
    return sorted(out, key=lambda s: s["order"])


def numbered(text, n):
    """A catalogue text with {n} (which item of a group) as the kiosk shows it: Bengali digits in Bengali."""
    return {"bn": text["bn"].replace("{n}", str(n).translate(BN_DIGITS)), "en": text["en"].replace("{n}", str(n))}


def item_count(group, answers):
    """How many items a group has (Service.itemCount): its answer once given, else the items answered."""
    if group["id"] in answers:
        return int(answers[group["id"]])
    return max([1] + [int(k.split(".")[1]) for k in answers if k.startswith(group["id"] + ".")])


def active(service, answers):
    """The questions asked now, as the kiosk asks them: a group's questions once for each item (answer
    ids `heirs.2.name`, labels numbered), then the group's list page."""
    qs = []
    for q in service["questions"]:
        w = q.get("when")
        if w and answers.get(w["question"]) not in w["in"]:
            continue
        if q["type"] == "group":
            for i in range(1, item_count(q, answers) + 1):
                for item in q["questions"]:
                    qs.append(dict(item, id=f"{q['id']}.{i}.{item['id']}", label=numbered(item["label"], i),
                                   hint=numbered(item.get("hint", {"bn": "", "en": ""}), i)))
        qs.append(q)
    return qs


def question_on_screen(k, service, answers):
    """The question on screen: its field's accessible name, or (choices, a group's list) its label;
    "check" on check answers; None while a page is being replaced."""
    if k.find("label", name="উত্তরগুলো মিলিয়ে দেখুন"):
        return "check"  # (it lists every question's label too)
    if not k.find("label", contains="প্রশ্ন "):
        return None  # a question page says "প্রশ্ন ৩/১৫"; check answers does not
    for q in active(service, answers):
        if q["type"] in ("choice", "yesno", "group"):
            if k.find("label", name=q["label"]["bn"]):
                return q
        elif k.find("text", field(q)) is not None:
            return q
        elif q["type"] == "place" and k.find("label", name=PLACE_TAPS[0][0]):
            return q  # the place list (no field until "type to search")
    return None


def question_left(k, q):
    """A page of buttons was answered: its question's label is gone (two yes/no questions in a row
    have the same buttons), or check answers is on screen (which lists that label as a row's)."""
    return k.find("label", name="উত্তরগুলো মিলিয়ে দেখুন") or k.find("label", name=q["label"]["bn"]) is None


def answer_by_touch(k, service, q, choices, answers):
    """Answers the question on screen by tapping keys (or a choice, or down the place list); on a
    group's list page adds items until there are `choices[group id]` of them, then says done."""
    kind = q["type"]
    def left(gone):
        """Waits until the page answered is replaced (or says what is wrong)."""
        wait_for(f"the page after {q['id']}", lambda: gone() or k.find("label", name="সমস্যা আছে"))

    if kind == "group":
        n = item_count(q, answers)
        # The list shows every item given so far, with what was tapped for it.
        for i in range(1, n + 1):
            assert k.find("label", name=numbered(q["item"], i)["bn"]), f"{q['id']}: item {i} listed: {k.labels()}"
        more = n < int(choices.get(q["id"], "1"))
        k.tap(q["add"]["bn"] if more else q["done"]["bn"])
        left(lambda: question_left(k, q))
        return str(n + 1 if more else n)
    if kind in ("choice", "yesno"):
        value = choices.get(q["id"], q["options"][0]["value"]) if kind == "choice" else choices.get(q["id"], "yes")
        label = (next(o["label"]["bn"] for o in q["options"] if o["value"] == value) if kind == "choice"
                 else {"yes": "হ্যাঁ", "no": "না"}[value])
        k.tap(label)
        left(lambda: question_left(k, q))
        return value
    if kind == "place":
        choose_place(k)
        return "সাভার, ঢাকা, ঢাকা"
    typed, kept = choices.get(q["id"]) or TOUCH_ANSWERS[kind]
    set_text(k, field(q), typed)
    k.tap(NEXT)
    left(lambda: k.find("text", field(q)) is None)
    return kept


def finish_by_touch(k, service, choices=None, visit=None):
    """One service from home to a printed slip, tapping on-screen keys only; returns what the
    citizen answered (as the kiosk must store it). `choices`: an option by question id, the number
    of a group's items by its id, (typed, kept) text by question id; otherwise TOUCH_ANSWERS.
    `visit(q, answers)`: called on each question's page before it is answered."""
    choices = choices or {}
    k.tap(START)
    k.tap(service["name"]["bn"])
    k.tap("চালিয়ে যান")
    k.tap("আমি রাজি")
    answers = {}
    previous = None
    for _ in range(60):
        try:
            def next_page(previous=previous):
                q = question_on_screen(k, service, answers)
                if q is not None and q != previous:
                    return q
                return k.find("label", name="সমস্যা আছে") and "refused"
            q = wait_for("the next question", next_page)
        except AssertionError:
            raise AssertionError(f"{service['id']} {choices}: no next question after {previous and previous['id']}; "
                                 f"the screen shows {k.labels()}") from None
        if q == "refused":
            raise AssertionError(f"{service['id']}: {previous['id']} refused: {k.labels()}")
        if q == "check":
            break
        if visit:
            visit(q, answers)
        answers[q["id"]] = answer_by_touch(k, service, q, choices, answers)
        previous = q
    else:
        raise AssertionError(f"{service['id']}: never reached check answers")
    asked = active(service, answers)
    # Check answers shows every question asked (each heir's too) under its own label.
    shown = set(k.labels())
    missing = [q["label"]["bn"] for q in asked if q["label"]["bn"] not in shown]
    assert not missing, f"{service['id']} {choices}: check answers does not show {missing}"
    k.tap(CONFIRM)
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    return {qid: v for qid, v in answers.items() if any(q["id"] == qid for q in asked)}


# e-Namjari by each acquisition type: what is tapped beyond the first option and TOUCH_ANSWERS.
NAMJARI_RUNS = {
    # Two heirs, the second with a name and a relation of its own.
    "inheritance": {"heirs": "2", "heirs.2.name": ("সালমা খাতুন", "সালমা খাতুন"), "heirs.2.relation": "daughter",
                    "representative": "no", "online_hearing": "no"},
    "decree": {"decree_case_number": ("সিভিল ১২৩/২০২০", "সিভিল 123/2020"), "representative_relation": "lawyer"},
    "settlement": {"settlement_case_number": ("১২/২০১৮-১৯", "12/2018-19")},
}


def test_every_service_and_acquisition_type_finished_by_touch_alone(kiosk):
    """Every service of the catalogue, and e-Namjari by every acquisition type, from home to a
    printed slip by tapping on-screen keys only (no text set through accessibility, no physical
    keys): the stored answers are what was tapped, and each journey printed one slip."""
    runs = []
    for service in services():
        if service["id"] == "namjari":
            acquisition = next(q for q in service["questions"] if q["id"] == "acquisition_type")
            runs += [(service, dict(NAMJARI_RUNS.get(o["value"], {}), acquisition_type=o["value"]))
                     for o in acquisition["options"]]
        else:
            runs.append((service, {}))
    k = kiosk(["[printing]", "slip_queue = capture"])
    for service, choices in runs:
        before = set(captured_jobs())
        expected = finish_by_touch(k, service, choices)
        with k.db() as db:
            draft_id, stored_service = db.execute("SELECT id, service_id FROM draft ORDER BY id DESC").fetchone()
            stored = dict(db.execute("SELECT question_id, value FROM draft_answer WHERE draft_id = ?",
                                     (draft_id,)).fetchall())
        assert stored_service == service["id"], stored_service
        assert stored == expected, f"{service['id']} {choices}: stored {stored}, tapped {expected}"
        assert len(set(captured_jobs()) - before) == 1, f"{service['id']}: one slip printed"
        steps = service.get("next_steps")
        if steps:
            # What comes next (the draft khatian before the hearing), on the screen and the slip.
            hearing = "online_hearing"
            items = [i["text"] for i in steps["items"]
                     if "when" not in i or stored.get(i["when"]["question"]) in i["when"]["in"]]
            assert any(i["when"]["question"] == hearing for i in steps["items"] if "when" in i)
            labels = k.labels()
            for text in [steps["heading"]] + items:
                assert "• " + text["bn"] in labels or text["bn"] in labels, f"{text['bn']!r} on the screen: {labels}"
            slip = squeezed(pdftext(slip_job(before)))
            for text in [steps["heading"]] + items:
                assert squeezed(text["bn"]) in slip and squeezed(text["en"]) in slip, f"{text['en']!r} on the slip"
        k.tap("শেষ")
        k.wait("push button", START)


# Physical key chords someone might try to get out of the kiosk or paste into it.
ESCAPE_CHORDS = ["ctrl+shift+i", "ctrl+shift+d", "ctrl+v", "shift+Insert", "ctrl+period", "ctrl+semicolon",
                 "Menu", "shift+F10", "F1", "F10", "alt+F4", "ctrl+q", "ctrl+w", "ctrl+o", "ctrl+p", "ctrl+a",
                 "super+e", "alt+Tab", "ctrl+alt+BackSpace", "ctrl+shift+e"]
MARKED_DIGITS = "1\u0301" + "2" * 14  # a digit with a combining mark, then digits


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True, capture_output=True, timeout=10)


def clipboard(text=None):
    """Puts text on the X clipboard (xclip keeps serving it), or reads what is there now."""
    if text is not None:
        subprocess.Popen(["xclip", "-selection", "clipboard", "-i"], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).communicate(text.encode())
        return text
    r = subprocess.run(["xclip", "-selection", "clipboard", "-o"], capture_output=True, timeout=5)
    return r.stdout.decode(errors="replace")


def assert_only_the_kiosk(k, page, chord):
    """Nothing but the kiosk's own window: no Inspector, dialog, file chooser, menu or popover."""
    assert k.proc.poll() is None, f"{page}: the kiosk died after {chord}"
    # GTK 4.8 marks windows SHOWING, not VISIBLE: any second top-level (the Inspector opens two) counts.
    frames = [k.app.getChildAtIndex(i) for i in range(k.app.childCount)]
    names = [f and f.name for f in frames]
    assert len(frames) == 1, f"{page}: after {chord} the kiosk has {len(frames)} windows: {names}"
    for node in walk(k.app):
        r = role(node)
        if r in ("menu", "popup menu", "file chooser", "dialog", "alert", "color chooser") and visible(node):
            raise AssertionError(f"{page}: after {chord} a {r} is shown ({node.name!r})")


def test_no_way_out_of_the_kiosk_and_no_paste(kiosk):
    """Every chord of a list on every kind of page opens nothing (GTK's Inspector among them);
    marked digits on the clipboard reach no field by any route (keys, right or middle button); the
    clipboard is empty after the session ends."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    clipboard(MARKED_DIGITS)
    pages = [("home", lambda: None),
             ("resume", lambda: (k.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)"), k.wait("text", "আবেদনের কোড"))),
             ("services", lambda: (k.tap("পিছনে"), k.tap(START), k.wait("push button", DAKHILA))),
             ("question (letters)", lambda: (k.tap(DAKHILA), k.tap("চালিয়ে যান"), k.tap("আমি রাজি"),
                                             k.wait("text", NAME_FIELD))),
             ("question (keypad)", lambda: answer(k, NAME_FIELD, "রহিম")),
             ("check answers", lambda: (answer(k, MOBILE_FIELD, "01712345678"),
                                        k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")))]
    for page, go in pages:
        go()
        time.sleep(0.3)
        for chord in ESCAPE_CHORDS:
            xdotool("key", "--clearmodifiers", chord)
            time.sleep(0.15)
            assert_only_the_kiosk(k, page, chord)
        fields = [n for n in walk(k.app) if role(n) == "text" and visible(n)]
        for f in fields:
            x, y, w, h = f.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            for button in ("3", "2"):
                xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", button)
                time.sleep(0.3)
                assert_only_the_kiosk(k, page, f"button {button} on {f.name}")
            assert "\u0301" not in text_of(f) and "2222" not in text_of(f).translate(BN_TO_LATIN), \
                f"{page}: the clipboard reached {f.name}: {text_of(f)!r}"
    # The session ends (back home with "Done"): what was on the clipboard is gone.
    assert clipboard() == MARKED_DIGITS, "the clipboard still holds the text (nothing emptied it yet)"
    k.tap(CONFIRM)
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    k.tap("শেষ")
    k.wait("push button", START)
    wait_for("the clipboard to be emptied", lambda: clipboard() == "", 5)


def shown_code(k):
    """The resume code the banner shows ("আপনার কোড: ১২৩৪৫-…"), as 15 Latin digits."""
    label = k.wait("label", contains="আপনার কোড: ")
    return "".join(c for c in label.name.split(":", 1)[1].translate(BN_TO_LATIN) if c.isdigit())


def leave_journey(k):
    """Back, page by page, to the consent page, then "I do not agree": home, the session over."""
    for _ in range(30):
        node = k.find("push button", "রাজি নই, বের হব")
        if node is not None:
            press(node, "রাজি নই, বের হব")
            k.wait("push button", START)
            return
        back = k.find("push button", "পিছনে")
        if back is not None:
            press(back, "পিছনে")
        time.sleep(0.35)
    raise AssertionError(f"could not leave the journey: {k.labels()}")


def scan(code):
    """A USB scanner reading the slip's QR code: a keyboard that types the payload and Enter."""
    xdotool("type", "--delay", "5", "BHUMISEBA:" + code)
    xdotool("key", "Return")


def test_scanner_opens_the_draft_from_home_a_question_and_the_resume_page(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture"])
    begin(k, DAKHILA)
    code = shown_code(k)
    answer(k, NAME_FIELD, "সালমা বেগম")
    k.wait("text", MOBILE_FIELD)
    assert shown_code(k) == code, "the same code on every page"
    with k.db() as db:
        assert db.execute("SELECT resume_code FROM draft").fetchone()[0] == code, "the banner shows the draft's code"
    # From home.
    leave_journey(k)
    scan(code)
    wait_for("the scanned draft", lambda: shown_code(k) == code)
    k.wait("text", MOBILE_FIELD)
    k.tap("পিছনে")
    field_shows(k, NAME_FIELD, "সালমা বেগম")
    # From a question page of another citizen's journey (what was typed there stays out of it).
    leave_journey(k)
    begin(k, DAKHILA)
    k.wait("text", NAME_FIELD)
    type_keys(k, "রা")
    scan(code)
    wait_for("the scanned draft", lambda: shown_code(k) == code)
    k.wait("text", MOBILE_FIELD)
    # From the resume page, and digits typed on a keyboard reach the code field.
    leave_journey(k)
    k.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)")
    k.wait("text", "আবেদনের কোড")
    xdotool("type", "--delay", "5", code[:5])
    wait_for("typed digits in the code field", lambda: text_of(k.find("text", "আবেদনের কোড")) != "", 5)
    clear_field(k, "আবেদনের কোড")
    scan(code)
    wait_for("the scanned draft", lambda: shown_code(k) == code)


def test_idle_wipe_then_resume_with_the_code_shown_before(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture", "[kiosk]", "idle_warning_seconds = 5", "idle_reset_seconds = 10"])
    begin(k, DAKHILA)
    code = shown_code(k)
    answer(k, NAME_FIELD, "নাসরিন আক্তার")
    warning = k.wait("label", contains="আপনি কি এখনও আছেন?", timeout=10)
    assert code.translate(BN_DIGITS)[:5] in warning.name, f"the warning says the code: {warning.name}"
    k.wait("push button", START, timeout=12)
    k.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)")
    k.wait("text", "আবেদনের কোড")
    type_keys(k, code)
    k.tap("খুলুন")
    k.wait("text", MOBILE_FIELD)
    assert shown_code(k) == code
    k.tap("পিছনে")
    field_shows(k, NAME_FIELD, "নাসরিন আক্তার")


def test_half_typed_answer_survives_a_crash(kiosk):
    """Typed on the keys, not yet confirmed with Next: after kill -9 and a restart, resuming with
    the code offers it again in its field."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    begin(k, DAKHILA)
    code = shown_code(k)
    answer(k, NAME_FIELD, "সালমা বেগম")
    k.wait("text", MOBILE_FIELD)
    type_keys(k, "01712")
    time.sleep(1.5)  # kept within a second of the last key
    k.crash_and_restart()
    k.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)")
    k.wait("text", "আবেদনের কোড")
    type_keys(k, code)
    k.tap("খুলুন")
    field_shows(k, MOBILE_FIELD, "০১৭১২")
    type_keys(k, "345678")
    k.tap(NEXT)
    k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
    with k.db() as db:
        assert db.execute("SELECT value FROM draft_answer WHERE question_id='mobile'").fetchone()[0] == "01712345678"
        assert db.execute("SELECT count(*) FROM draft_typing").fetchone()[0] == 0, "confirmed: nothing half-typed left"


def test_a_damaged_store_puts_the_kiosk_out_of_order_and_is_kept(kiosk):
    """One damaged page in audit_log: the kiosk does not start over (it once reissued receipt
    000001); once its first page is up its check finds the damage and the screen says, in words,
    that it is out of order, with the command that recovers it; the file is kept byte for byte."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    quick_slip(k, "সালমা বেগম")
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    k.proc.terminate()
    k.proc.wait(10)
    path = os.path.join(k.tmp, "data", "kiosk.sqlite")
    subprocess.run(["sqlite3", path, "PRAGMA wal_checkpoint(TRUNCATE)"], check=True, capture_output=True)
    root = int(subprocess.run(["sqlite3", path, "SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'"],
                              check=True, capture_output=True, text=True).stdout.strip())
    size = int(subprocess.run(["sqlite3", path, "PRAGMA page_size"], check=True, capture_output=True,
                              text=True).stdout.strip())
    with open(path, "r+b") as f:
        f.seek((root - 1) * size)
        f.write(bytes([0x0D]) + os.urandom(size - 1))  # a leaf page whose cells point anywhere
    with open(path, "rb") as f:
        damaged = f.read()
    k._start()
    k.wait("label", name="এই কিয়স্ক এখন ব্যবহার করা যাচ্ছে না — কর্মীকে ডাকুন", timeout=20)
    assert k.find("label", contains="kioskctl store recover"), f"the way to recover it is said: {k.labels()}"
    assert k.find("push button", name=START) is None, "nothing to start a journey with"
    assert k.proc.poll() is None, "it stays on the screen (no restart loop of a damaged file)"
    with open(path, "rb") as f:
        assert f.read() == damaged, "the damaged file is kept as it was"
    assert not [n for n in os.listdir(os.path.join(k.tmp, "data")) if "unusable" in n], "nothing moved aside"


def test_a_read_only_data_folder_acknowledges_nothing(kiosk):
    """The data folder read-only (a read-only bind mount in a mount namespace of the kiosk's own:
    root ignores file modes): "I agree" once said the application could not be started, then took
    every answer and confirmed nothing. Now no question is asked: the consent page says so in
    words, and nothing in the data folder changes."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    k.wait("push button", START)
    k.proc.terminate()
    k.proc.wait(10)
    data = os.path.join(k.tmp, "data")
    before = {n: open(os.path.join(data, n), "rb").read() for n in sorted(os.listdir(data))}
    k.prefix = ["unshare", "-m", "sh", "-c",
                'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"', data]
    k._start()
    begin(k, DAKHILA)
    k.wait("label", contains="আবেদন শুরু করা যায়নি")
    assert k.find("label", name="সমস্যা আছে"), "the error summary on the consent page"
    assert k.find("text", NAME_FIELD) is None, "no question is asked"
    assert k.find("push button", name="আমি রাজি"), "still on the consent page"
    k.tap("আমি রাজি")
    time.sleep(0.5)
    assert k.find("text", NAME_FIELD) is None, "a second try asks nothing either"
    after = {n: open(os.path.join(data, n), "rb").read() for n in sorted(os.listdir(data))}
    assert after == before, "nothing made, moved or changed in the data folder"


def test_a_filed_application_is_not_the_citizens_to_change(kiosk):
    """Once filed (as staff's "mark filed" records it), the resume code no longer opens the answers:
    the screen says it is filed, with its application number and where to follow it; no NID, no
    mobile, nothing to change, and the draft stays filed."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    quick_slip(k, "সালমা বেগম")
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    with k.db() as db:
        draft_id, code = db.execute("SELECT id, resume_code FROM draft").fetchone()
        db.execute("INSERT INTO submission(draft_id, application_number, operator, filed_at) "
                   "VALUES (?, 'DK-2026-5531', 'salma', strftime('%s','now'))", (draft_id,))
        db.execute("UPDATE draft SET state = 'filed', filed_at = strftime('%s','now') WHERE id = ?", (draft_id,))
    k.tap("শেষ")
    k.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)")
    k.wait("text", "আবেদনের কোড")
    type_keys(k, code)
    k.tap("খুলুন")
    filed = k.wait("label", contains="এই আবেদনটি দাখিল হয়ে গেছে")
    assert "DK-2026-5531" in filed.name, filed.name
    assert k.find("text", MOBILE_FIELD) is None and k.find("text", NAME_FIELD) is None, "nothing to change"
    assert k.find("label", contains="01712") is None and k.find("label", contains="০১৭১২") is None, "no mobile shown"
    with k.db() as db:
        assert db.execute("SELECT state FROM draft").fetchone()[0] == "filed", "still filed"


def test_cups_keeps_no_printed_document_in_its_spool(kiosk):
    """With the settings the README gives a centre's cupsd (PreserveJobFiles No), a printed slip —
    the citizen's name, NID and code — is gone from CUPS's spool once it has printed; only the job
    list (no document) stays."""
    spool = os.path.join(CUPS_DIR, "spool")
    k = kiosk(["[printing]", "slip_queue = capture"])
    quick_slip(k, "সালমা বেগম")
    k.wait("label", name="ছাপা হয়েছে", timeout=30)

    def documents():
        return [f for f in os.listdir(spool) if f.startswith("d")]
    wait_for("CUPS to drop the printed document", lambda: not documents(), 10)


def test_wrong_nid_and_mobile_corrected_after_the_error_summary(kiosk):
    qs = catalogue_questions("namjari")
    k = kiosk(["[printing]", "slip_queue = capture"])
    begin(k, NAMJARI)
    answer(k, NAME_FIELD, "রহিমা খাতুন")
    k.tap("ক্রয়")
    answer(k, NID_FIELD, "12345")
    k.wait("label", name="সমস্যা আছে")
    errors = [n.name for n in walk(k.app) if n.getRoleName() == "label" and "আপনি ৫টি অঙ্ক লিখেছেন" in n.name]
    assert len(errors) == 2, f"the message in the summary and again by the field: {k.labels()}"
    # The summary is in sight below the top bar (the page scrolled to it, not past it), and so is
    # the question it is about.
    time.sleep(0.3)
    for name in ("সমস্যা আছে", "জাতীয় পরিচয়পত্র নম্বর"):
        node = k.find("label", name=name)
        y = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)[1]
        assert 80 <= y <= 400, f"{name} at y={y}, out of sight"
    field_shows(k, NID_FIELD, "১২৩৪৫")
    answer(k, NID_FIELD, "19851234567890123")
    assert k.find("label", name="সমস্যা আছে") is None
    answer(k, field(qs["date_of_birth"]), "21/03/1985")
    answer(k, MOBILE_FIELD, "01712")
    k.wait("label", name="সমস্যা আছে")
    assert k.find("label", contains="মোবাইল"), k.labels()
    answer(k, MOBILE_FIELD, "01712-345678")
    k.wait("label", name=PLACE_TAPS[0][0])  # the place list
    with k.db() as db:
        answers = dict(db.execute("SELECT question_id, value FROM draft_answer").fetchall())
    assert answers["nid"] == "19851234567890123", answers
    assert answers["mobile"] == "01712345678", answers
    # English screen: the same mistake, the message in English.
    k.tap("English")
    k.tap("Back")
    answer(k, MOBILE_FIELD, "123", next_button="Next")
    k.wait("label", name="There is a problem")


def to_place_question(k, qs):
    """e-Namjari by purchase up to the place question (the page after the mobile number)."""
    begin(k, NAMJARI)
    answer(k, NAME_FIELD, "রহিমা খাতুন")
    k.tap("ক্রয়")
    answer(k, NID_FIELD, "1234567890")
    answer(k, field(qs["date_of_birth"]), "21/03/1985")
    answer(k, MOBILE_FIELD, "01712345678")
    k.wait("label", name="বিভাগ বেছে নিন")


def stored_place(k):
    with k.db() as db:
        row = db.execute("SELECT value FROM draft_answer WHERE question_id='land_place'").fetchone()
    return row[0] if row else None


def test_place_chosen_division_district_upazila(kiosk):
    """The place question by tapping down the list to a union, answering at the upazila when the
    union is not listed, and by typing part of a name."""
    qs = catalogue_questions("namjari")
    place = field(qs["land_place"])
    k = kiosk(["[printing]", "slip_queue = capture"])
    to_place_question(k, qs)
    assert k.find("push button", name="চট্টগ্রাম"), "the eight divisions are offered"
    to_dhaka_district(k)
    assert k.find("push button", name="ঢাকা উত্তর সিটি কর্পোরেশন"), "the city corporations beside the upazilas"
    k.tap("সাভার")
    k.wait("label", name="ইউনিয়ন বেছে নিন")
    assert_fits(k, "unions of Savar")
    k.tap("আশুলিয়া")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "আশুলিয়া, সাভার, ঢাকা, ঢাকা"
    # Back: this time the union is not in the list, and the upazila is the answer.
    k.tap("পিছনে")
    k.wait("label", name="বিভাগ বেছে নিন")
    to_dhaka_district(k)
    k.tap("সাভার")
    k.wait("label", name="ইউনিয়ন বেছে নিন")
    k.tap("আমার ইউনিয়ন তালিকায় নেই: শুধু সাভার উপজেলা লিখুন")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "সাভার, ঢাকা, ঢাকা"
    # Back, and this time type to search: a suggestion with its parents.
    k.tap("পিছনে")
    k.tap("তালিকায় নেই? লিখে খুঁজুন")
    k.wait("push button", name="তালিকা থেকে বেছে নিন")  # the typing page (its field has the same name)
    set_text(k, place, "")
    type_keys(k, "কেরা")
    field_shows(k, place, "কেরা")  # and the suggestions are those of the whole beginning
    best = k.wait("push button", name="কেরাণীগঞ্জ, ঢাকা, ঢাকা")
    time.sleep(0.3)  # scrolled into sight after the next frame
    y = best.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)[1]
    assert 90 <= y <= 380, f"the best suggestion at y={y}, not in sight above the keyboard"
    k.tap("কেরাণীগঞ্জ, ঢাকা, ঢাকা")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "কেরাণীগঞ্জ, ঢাকা, ঢাকা"


def test_place_tejgaon_in_dhaka_north_city_corporation(kiosk):
    """The centre's own area: Dhaka → Dhaka → Dhaka North City Corporation → Tejgaon."""
    qs = catalogue_questions("namjari")
    k = kiosk(["[printing]", "slip_queue = capture"])
    to_dhaka_north(k, qs)
    for thana in ("তেজগাঁও শিল্পাঞ্চল", "গুলশান", "মিরপুর", "পল্লবী", "উত্তরা পূর্ব"):
        assert k.find("push button", name=thana), f"{thana} among Dhaka North's thanas"
    assert k.find("push button", name="আমার থানা তালিকায় নেই: শুধু ঢাকা উত্তর সিটি কর্পোরেশন লিখুন")
    assert_fits(k, "thanas of Dhaka North")
    k.tap("তেজগাঁও")
    k.wait("label", name="ওয়ার্ড নম্বর বেছে নিন")  # the wards (test_place_ward_26_of_tejgaon)
    k.tap("আমার ওয়ার্ড জানি না: শুধু তেজগাঁও লিখুন")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা"


def to_district(k, division, district):
    """From the divisions, by taps: the division, then the district (its upazilas and city
    corporations)."""
    k.tap(division)
    k.wait("label", name="জেলা বেছে নিন")
    k.tap(district)
    k.wait("label", name="উপজেলা বা সিটি কর্পোরেশন বেছে নিন")


def to_dhaka_district(k):
    to_district(k, "ঢাকা", "ঢাকা")


def to_khulna_wards(k):
    """From the divisions, by taps, to Khulna City Corporation's wards (its thanas are not listed)."""
    to_district(k, "খুলনা", "খুলনা")
    k.tap("খুলনা সিটি কর্পোরেশন")
    k.wait("label", name="ওয়ার্ড নম্বর বেছে নিন")


def to_dhaka_north(k, qs):
    """Down the place list by taps to Dhaka North City Corporation's thanas."""
    to_place_question(k, qs)
    to_dhaka_district(k)
    k.tap("ঢাকা উত্তর সিটি কর্পোরেশন")
    k.wait("label", name="থানা বেছে নিন")


def test_place_ward_26_of_tejgaon(kiosk):
    """Down to where people live: Dhaka North City Corporation → Tejgaon → ward ২৬, by tapping
    number tiles in Bengali digits (all 54 of Dhaka North's, which ward lies in which thana not
    being known); "I don't know my ward" at the corporation answers at the corporation."""
    qs = catalogue_questions("namjari")
    k = kiosk(["[printing]", "slip_queue = capture"])
    to_dhaka_north(k, qs)
    k.tap("তেজগাঁও")
    k.wait("label", name="ওয়ার্ড নম্বর বেছে নিন")
    assert k.find("push button", name="› তেজগাঁও"), "the thana chosen, in the trail above"
    numbers = {str(n).translate(BN_DIGITS) for n in range(1, 100)}
    tiles = [n for n in walk(k.app) if role(n) == "push button" and n.name in numbers and visible(n)]
    assert sorted(int(t.name.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))) for t in tiles) == list(
        range(1, 55)), [t.name for t in tiles]
    assert_fits(k, "wards of Dhaka North")
    for tile in tiles:
        _, _, w, h = tile.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        assert w >= 60 and h >= 60, f"ward {tile.name}: {w}×{h} px, too small to tap"
    press(k.wait("push button", "২৬"), "২৬")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "ওয়ার্ড নং 26, তেজগাঁও, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা"
    # Back: the thana is not in the list, and the ward is not known: the corporation is the answer.
    k.tap("পিছনে")
    k.wait("label", name="বিভাগ বেছে নিন")
    to_dhaka_district(k)
    k.tap("ঢাকা উত্তর সিটি কর্পোরেশন")
    k.wait("label", name="থানা বেছে নিন")
    k.tap("আমার থানা তালিকায় নেই: শুধু ঢাকা উত্তর সিটি কর্পোরেশন লিখুন")
    k.wait("label", name="ওয়ার্ড নম্বর বেছে নিন")
    k.tap("আমার ওয়ার্ড জানি না: শুধু ঢাকা উত্তর সিটি কর্পোরেশন লিখুন")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা"


def test_place_ward_12_of_khulna_city_corporation(kiosk):
    """A corporation whose thanas are not listed (all but Dhaka's two) opens its wards when tapped:
    Khulna → Khulna → Khulna City Corporation → ward ১২ of its 31, by taps; "I don't know my ward"
    answers at the corporation."""
    qs = catalogue_questions("namjari")
    k = kiosk(["[printing]", "slip_queue = capture"])
    to_place_question(k, qs)
    to_khulna_wards(k)
    numbers = {str(n).translate(BN_DIGITS) for n in range(1, 100)}
    tiles = [n for n in walk(k.app) if role(n) == "push button" and n.name in numbers and visible(n)]
    assert len(tiles) == 31, [t.name for t in tiles]
    assert_fits(k, "wards of Khulna")
    press(k.wait("push button", "১২"), "১২")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "ওয়ার্ড নং 12, খুলনা সিটি কর্পোরেশন, খুলনা, খুলনা"
    k.tap("পিছনে")
    k.wait("label", name="বিভাগ বেছে নিন")
    to_khulna_wards(k)
    k.tap("আমার ওয়ার্ড জানি না: শুধু খুলনা সিটি কর্পোরেশন লিখুন")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "খুলনা সিটি কর্পোরেশন, খুলনা, খুলনা"


def test_place_ward_typed_under_the_chosen_corporation(kiosk):
    """At Dhaka North, "type to search" and "ওয়ার্ড ২৬" typed on the keys: ward ২৬ of Dhaka North
    offered (not Dhaka South's), and tapped, stored with its corporation."""
    qs = catalogue_questions("namjari")
    place = field(qs["land_place"])
    k = kiosk(["[printing]", "slip_queue = capture"])
    to_dhaka_north(k, qs)
    k.tap("তালিকায় নেই? লিখে খুঁজুন")
    k.wait("push button", name="তালিকা থেকে বেছে নিন")
    set_text(k, place, "ওয়ার্ড ২৬")
    north = "ওয়ার্ড নং ২৬, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা"
    k.wait("push button", name=north)
    assert k.find("push button", contains="দক্ষিণ") is None, "only the chosen corporation's ward"
    k.tap(north)
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "ওয়ার্ড নং 26, ঢাকা উত্তর সিটি কর্পোরেশন, ঢাকা, ঢাকা"


def place_typing_page(kiosk):
    """A kiosk on e-Namjari's place question, typing to search: (kiosk, questions, field name)."""
    qs = catalogue_questions("namjari")
    k = kiosk(["[printing]", "slip_queue = capture"])
    to_place_question(k, qs)
    k.tap("তালিকায় নেই? লিখে খুঁজুন")
    k.wait("push button", name="তালিকা থেকে বেছে নিন")
    return k, qs, field(qs["land_place"])


def test_place_typed_misspelling_is_found(kiosk):
    """keranigonj (not the list's Keraniganj): offered first, and Next stores the place's whole name."""
    k, qs, place = place_typing_page(kiosk)
    set_text(k, place, "keranigonj")
    k.wait("push button", name="কেরাণীগঞ্জ, ঢাকা, ঢাকা")
    answer(k, place, "keranigonj")
    k.wait("text", field(qs["mouza"]))
    assert stored_place(k) == "কেরাণীগঞ্জ, ঢাকা, ঢাকা"


def test_place_typed_nonsense_is_not_found_and_not_stored(kiosk):
    """Text that names no place: 'পাওয়া যায়নি' by the field, nothing stored, the list offered."""
    k, qs, place = place_typing_page(kiosk)
    answer(k, place, "qwxzvbn")
    k.wait("label", name="সমস্যা আছে")
    found = [n.name for n in walk(k.app) if n.getRoleName() == "label" and n.name.startswith("পাওয়া যায়নি")]
    assert len(found) == 2, f"'not found' in the summary and by the field: {k.labels()}"
    field_shows(k, place, "qwxzvbn")
    assert k.find("text", field(qs["mouza"])) is None, "still on the place question"
    assert stored_place(k) is None, "nothing stored"
    k.tap("তালিকা থেকে বেছে নিন")
    k.wait("label", name="বিভাগ বেছে নিন")
    assert stored_place(k) is None


STAFF = "সালমা আক্তার"


def open_staff(k):
    """Five quick taps on the title open the staff sign-in."""
    title = k.wait("heading", contains="ভূমিসেবা কিয়স্ক")
    for _ in range(5):
        title.queryAction().doAction(0)
        time.sleep(0.3)


def staff_sign_in(k, pin="482915"):
    open_staff(k)
    k.tap("কর্মী: " + STAFF)
    set_text(k, "পিন / PIN", pin)
    k.tap("প্রবেশ / Sign in")


def new_jobs(before):
    def number(name):
        return int(name.split("-")[1].split(".")[0])
    return [os.path.join(CUPS_DIR, "capture", j) for j in sorted(set(captured_jobs()) - before, key=number)]


def test_staff_files_charges_reprints_voids_and_closes_the_day(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture", "a4_queue = capture"])
    quick_slip(k, "সালমা বেগম")
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    k.tap("শেষ")
    out = k.ctl("operator", "add", "salma", "--name", STAFF, "--pin-stdin", input="482915\n")
    assert out.returncode == 0, out
    with k.db() as db:
        draft_id, code = db.execute("SELECT id, resume_code FROM draft").fetchone()
    grouped = f"{code[0:5]}-{code[5:10]}-{code[10:15]}"
    staff_sign_in(k, pin="111111")
    k.wait("label", contains="পিন ঠিক নয়")
    set_text(k, "পিন / PIN", "482915")
    k.tap("প্রবেশ / Sign in")
    k.wait("label", name="অপেক্ষমাণ আবেদন / Waiting applications")
    k.tap("খুলুন: " + grouped)
    k.wait("label", name="সালমা বেগম")
    assert_fits(k, "staff: a draft", language_button="বের হন / Sign out")
    # The name on the Jatiya keyboard fits the screen too (looked at, then left unchanged).
    k.tap("সংশোধন: আবেদনকারীর নাম")
    k.wait("push button", "তৃতীয় স্তর (AltGr)")
    assert_fits(k, "staff: correcting a name on the Jatiya keyboard", language_button="বের হন / Sign out")
    k.tap("পিছনে")
    k.wait("push button", "সংশোধন: মোবাইল নম্বর")
    # Correct the mobile number: the old value stays in the history, not in the audit text.
    k.tap("সংশোধন: মোবাইল নম্বর")
    set_text(k, MOBILE_FIELD, "01898765432")
    k.tap("রাখুন / Save")
    k.wait("label", contains="Correction saved")
    with k.db() as db:
        assert db.execute("SELECT value FROM draft_answer WHERE question_id='mobile'").fetchone()[0] == "01898765432"
        old, new, who = db.execute("SELECT old_value, new_value, operator FROM answer_history").fetchone()
        audit = db.execute("SELECT actor, action, subject, detail FROM audit_log").fetchall()
    assert (old, new, who) == ("01712345678", "01898765432", "salma")
    assert ("salma", "open", f"draft:{draft_id}", "") in audit, audit
    assert ("salma", "edit", f"draft:{draft_id}", "question:mobile") in audit, audit
    assert not any("0171" in " ".join(map(str, row)) or "0189" in " ".join(map(str, row)) for row in audit)
    # File it with the portal's number, then charge: the receipt prints.
    before = set(captured_jobs())
    k.tap("ফাইলিং শীট ছাপুন / Print filing sheet")
    k.wait("label", contains="Filing sheet printed", timeout=30)
    sheet = squeezed(pdftext(new_jobs(before)[-1]))
    assert squeezed("সালমা বেগম") in sheet and "01898765432" in sheet and squeezed(grouped) in sheet, sheet
    # The portal's number, tapped on the keypad under its field (the kiosk's touchscreen has no
    # keyboard): Latin digits, - and /, capitals a key away.
    portal = "পোর্টালের আবেদন নম্বর / Portal application number"
    assert {"0", "9", "-", "/"} <= set(keys_on_screen(k)), sorted(keys_on_screen(k))
    set_text(k, portal, "DK-2026-5531")
    field_shows(k, portal, "DK-2026-5531")
    assert_fits(k, "staff: a draft with the portal-number keypad", language_button="বের হন / Sign out")
    k.tap("দাখিল হয়েছে / Mark filed")
    k.wait("label", contains="Marked as filed")
    before = set(captured_jobs())
    k.tap("ফি নিন ও রসিদ ছাপুন / Charge and print receipt")
    k.wait("label", contains="Receipt DEMO-2026-000001 printed", timeout=30)
    receipt = pdftext(new_jobs(before)[-1])
    assert "DEMO-2026-000001" in receipt and "DK-2026-5531" in receipt, receipt
    assert squeezed("Taka Twenty only") in squeezed(receipt), receipt
    assert squeezed("বিশ টাকা মাত্র") in squeezed(receipt), receipt
    assert squeezed("সালমা বেগম") in squeezed(receipt)
    with open(os.path.join(ROOT, "assets/catalogue/services/dakhila-print.json")) as f:
        tracking = json.load(f)["tracking"]["en"]
    assert "To follow it" in receipt and squeezed(tracking[:40]) in squeezed(receipt), \
        f"the receipt says where to follow the application ({tracking!r}):\n{receipt}"
    # A second tap on Charge asks first (two taps issued two receipts); "No" issues nothing.
    before = set(captured_jobs())
    k.tap("ফি নিন ও রসিদ ছাপুন / Charge and print receipt")
    k.wait("label", contains="Receipt DEMO-2026-000001 was already issued for this application")
    k.tap("না / No")
    k.wait("push button", "ফি নিন ও রসিদ ছাপুন / Charge and print receipt")
    with k.db() as db:
        assert db.execute("SELECT count(*) FROM receipt").fetchone()[0] == 1, "no second receipt"
    assert not new_jobs(before), "nothing printed"
    # Reprint: marked on the paper.
    k.tap("তালিকায় ফিরুন / Back to the queue")
    k.tap("আজকের রসিদ / Today's receipts")
    before = set(captured_jobs())
    k.tap("আবার ছাপুন: DEMO-2026-000001")
    k.wait("label", contains="DEMO-2026-000001 reprinted", timeout=30)
    assert "REPRINT" in pdftext(new_jobs(before)[-1])
    # Void with a reason, then a new receipt.
    k.tap("বাতিল: DEMO-2026-000001")
    k.tap("ভুল নাম / Wrong name")
    k.wait("label", contains="DEMO-2026-000001 voided (DEMO-2026-000002)")
    k.tap("ফি নিন ও রসিদ ছাপুন / Charge and print receipt")
    k.wait("label", contains="Receipt DEMO-2026-000003 printed", timeout=30)
    # Day-end: the total is the day's receipts, voids netted out.
    k.tap("তালিকায় ফিরুন / Back to the queue")
    k.tap("দিন শেষের হিসাব / Day-end report")
    k.wait("label", name="মোট / Total: ৳ ২০ (20)")
    before = set(captured_jobs())
    k.tap("ছাপুন ও CSV রাখুন / Print and save CSV")
    k.wait("label", contains="Report printed", timeout=30)
    z = pdftext(new_jobs(before)[-1])
    assert all(n in z for n in ["DEMO-2026-000001", "DEMO-2026-000002", "DEMO-2026-000003"]), z
    csv_path = os.path.join(k.tmp, "data", "reports")
    csv = open(os.path.join(csv_path, os.listdir(csv_path)[0])).read()
    assert "total,,2,,,,20," in csv, csv
    # A khatian PDF from the portal, printed for the citizen with its own receipt.
    handouts = os.path.join(k.tmp, "data", "handouts")
    os.makedirs(handouts, exist_ok=True)
    shutil.copy(new_jobs(set())[0], os.path.join(handouts, "khatian-5567.pdf"))
    with open(os.path.join(handouts, "khatian-5567.pdf"), "rb") as f:
        portal = f.read()
    k.tap("তালিকায় ফিরুন / Back to the queue")
    k.tap("পোর্টালের PDF ছাপুন / Print a portal PDF")
    before = set(captured_jobs())
    k.tap("খতিয়ান/পর্চার কপি: khatian-5567.pdf")
    k.wait("label", contains="Printed; receipt DEMO-2026-000004", timeout=30)
    jobs = new_jobs(before)
    assert len(jobs) == 2, jobs
    assert open(jobs[0], "rb").read() == portal, "the portal's PDF, byte for byte"
    assert "DEMO-2026-000004" in pdftext(jobs[1])
    assert os.path.exists(os.path.join(handouts, "printed", "khatian-5567.pdf")), "printed files move aside"
    export = k.ctl("ledger", "export")
    assert export.returncode == 0 and len(export.stdout.splitlines()) == 5, export
    assert ",-20,DEMO-2026-000001,ভুল নাম / Wrong name," in export.stdout, export.stdout
    # The ledger holds; a changed amount is found and its row named.
    assert k.ctl("ledger", "verify").returncode == 0
    subprocess.run(["sqlite3", os.path.join(k.tmp, "data", "kiosk.sqlite"),
                    "UPDATE receipt SET total = 2 WHERE number = 3"], check=True)
    bad = k.ctl("ledger", "verify")
    assert bad.returncode == 1 and "row 3" in bad.stdout and "DEMO-2026-000003" in bad.stdout, bad
    k.tap("বের হন / Sign out")
    k.wait("push button", START)


def test_each_heirs_share_from_the_heirs_list_and_on_the_slip(kiosk):
    """e-Namjari by inheritance, a son and a daughter on 12.5 decimals, by touch: from the heirs'
    list "see each heir's share" shows the son 2/3 and the daughter 1/3 (Muslim law, Hanafi), each
    one's land in decimals and in bigha and katha (a bigha of 33 decimals); Back returns to the
    list, and the slip carries the same table in both languages."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    namjari = next(s for s in services() if s["id"] == "namjari")
    seen = []

    def visit(q, answers):
        if q["id"] != "heirs" or item_count(q, answers) < 2 or seen:
            return
        k.tap("প্রত্যেক ওয়ারিশের অংশ দেখুন")
        k.wait("label", name="মুসলিম আইনে (হানাফি মাযহাব) প্রত্যেক ওয়ারিশের অংশ")
        labels = k.labels()
        for shown in ["পুত্র × ১", "সম্পত্তির ২/৩; প্রত্যেকে ২/৩", "কন্যা × ১", "সম্পত্তির ১/৩; প্রত্যেকে ১/৩",
                      "প্রত্যেকের জমি: ৮.৩৩৩৩ শতক = ০ বিঘা ৫.০৫ কাঠা (৩৩.০০ শতকে এক বিঘা)",
                      "প্রত্যেকের জমি: ৪.১৬৬৭ শতক = ০ বিঘা ২.৫৩ কাঠা (৩৩.০০ শতকে এক বিঘা)"]:
            assert shown in labels, f"{shown!r} on the shares page: {labels}"
        assert any("হিন্দু" in label for label in labels), "Hindu families are sent to the counter"
        assert_fits(k, "the heirs' shares")
        k.tap("পিছনে")
        k.wait("push button", q["done"]["bn"])
        seen.append(True)

    before = set(captured_jobs())
    finish_by_touch(k, namjari, dict(NAMJARI_RUNS["inheritance"], acquisition_type="inheritance"), visit=visit)
    assert seen, "the heirs' list with two heirs was reached"
    slip = squeezed(pdftext(slip_job(before)))
    for line in ["Son × 1: 2/3 of the estate (each 2/3)", "Daughter × 1: 1/3 of the estate (each 1/3)",
                 "পুত্র × ১: সম্পত্তির ২/৩ (প্রত্যেকে ২/৩)", "৮.৩৩৩৩ শতক"]:
        assert squeezed(line) in slip, f"{line!r} on the slip"


def test_staff_see_and_correct_every_heir_on_the_draft_and_the_filing_sheet(kiosk):
    """e-Namjari by inheritance with two heirs, by touch; at the counter each heir's name and
    relation is on the draft page and the filing sheet, and one heir's name can be corrected."""
    k = kiosk(["[printing]", "slip_queue = capture", "a4_queue = capture"])
    namjari = next(s for s in services() if s["id"] == "namjari")
    tapped = finish_by_touch(k, namjari, dict(NAMJARI_RUNS["inheritance"], acquisition_type="inheritance"))
    assert (tapped["heirs"], tapped["heirs.2.name"], tapped["heirs.2.relation"]) == ("2", "সালমা খাতুন", "daughter")
    k.tap("শেষ")
    out = k.ctl("operator", "add", "salma", "--name", STAFF, "--pin-stdin", input="482915\n")
    assert out.returncode == 0, out
    with k.db() as db:
        draft_id, code = db.execute("SELECT id, resume_code FROM draft").fetchone()
    grouped = f"{code[0:5]}-{code[5:10]}-{code[10:15]}"
    staff_sign_in(k)
    k.wait("label", name="অপেক্ষমাণ আবেদন / Waiting applications")
    k.tap("খুলুন: " + grouped)
    k.wait("label", name="২ নম্বর ওয়ারিশের নাম / Heir 2: name")
    labels = k.labels()
    for shown in ["১ নম্বর ওয়ারিশের নাম / Heir 1: name", "সালমা খাতুন", "মেয়ে / Daughter", "ছেলে / Son",
                  "১ নম্বর ওয়ারিশ মৃত মালিকের কে? / Heir 1: relation to the deceased owner", "২ জন ওয়ারিশ / 2 heir(s)"]:
        assert shown in labels, f"the staff draft page shows {shown!r}: {labels}"
    assert_fits(k, "staff: a draft with heirs", language_button="বের হন / Sign out")
    # The second heir's name corrected at the counter (the old value kept in the history).
    k.tap("সংশোধন: ২ নম্বর ওয়ারিশের নাম")
    set_text(k, "২ নম্বর ওয়ারিশের নাম / Heir 2: name", "সালমা বেগম")
    k.tap("রাখুন / Save")
    k.wait("label", contains="Correction saved")
    with k.db() as db:
        assert db.execute("SELECT value FROM draft_answer WHERE question_id='heirs.2.name'").fetchone()[0] == "সালমা বেগম"
        assert db.execute("SELECT old_value FROM answer_history").fetchone()[0] == "সালমা খাতুন"
    before = set(captured_jobs())
    k.tap("ফাইলিং শীট ছাপুন / Print filing sheet")
    k.wait("label", contains="Filing sheet printed", timeout=30)
    sheet = squeezed(pdftext(new_jobs(before)[-1]))
    # (Its label column wraps: pdftotext puts the value between a label's lines.)
    for shown in ["২ নম্বর ওয়ারিশের নাম", "Heir 2:", "সালমা বেগম", "মেয়ে / Daughter", "২ জন ওয়ারিশ / 2 heir(s)"]:
        assert squeezed(shown) in sheet, f"the filing sheet shows {shown!r}:\n{sheet}"
    assert squeezed("সালমা খাতুন") not in sheet, "the corrected name only"


def test_staff_lockout_disabled_operator_and_idle_close(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture", "[kiosk]", "staff_idle_seconds = 12"])
    assert k.ctl("operator", "add", "salma", "--name", STAFF, "--pin-stdin", input="482915\n").returncode == 0
    staff_sign_in(k, pin="000000")
    k.wait("label", contains="পিন ঠিক নয়")
    for _ in range(4):
        set_text(k, "পিন / PIN", "000000")
        k.tap("প্রবেশ / Sign in")
        time.sleep(0.4)
    k.wait("label", contains="locked until")
    set_text(k, "পিন / PIN", "482915")
    k.tap("প্রবেশ / Sign in")

    def refused():
        with k.db() as db:
            return db.execute("SELECT count(*) FROM audit_log WHERE action = 'login-refused'").fetchone()[0] > 0
    # The message was already on screen: wait for this refusal itself (its page is rebuilt after).
    wait_for("the locked sign-in refused", refused)
    time.sleep(0.5)
    k.wait("label", contains="locked until")
    assert k.find("label", name="অপেক্ষমাণ আবেদন / Waiting applications") is None, "the right PIN does not open a lock"
    # A new PIN lifts the lock; idle staff mode closes itself.
    assert k.ctl("operator", "set-pin", "salma", "--pin-stdin", input="735102\n").returncode == 0
    set_text(k, "পিন / PIN", "735102")
    k.tap("প্রবেশ / Sign in")
    k.wait("label", name="অপেক্ষমাণ আবেদন / Waiting applications")
    k.wait("push button", START, timeout=20)
    with k.db() as db:
        actions = [a for (a,) in db.execute("SELECT action FROM audit_log WHERE actor = 'salma'")]
    assert "login-locked" in actions and "logout" in actions, actions
    # A disabled operator is not offered, and cannot sign in.
    assert k.ctl("operator", "disable", "salma").returncode == 0
    open_staff(k)
    k.wait("label", contains="No operators yet")


def test_staff_on_a_read_only_data_folder_says_what_failed_and_keeps_the_pin(kiosk):
    """Staff mode never fails in silence: with the data folder read-only (a read-only bind mount
    in the kiosk's own mount namespace, as above), signing in (an audited write) is refused in
    words by the PIN field, in Bengali and English, nobody is signed in, and the PIN typed stays."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    k.wait("push button", START)
    assert k.ctl("operator", "add", "salma", "--name", STAFF, "--pin-stdin", input="482915\n").returncode == 0
    k.proc.terminate()
    k.proc.wait(10)
    data = os.path.join(k.tmp, "data")
    k.prefix = ["unshare", "-m", "sh", "-c",
                'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"', data]
    k._start()
    staff_sign_in(k)
    refused = k.wait("label", contains="Could not sign in")
    assert refused.name.startswith("প্রবেশ করা যায়নি"), refused.name
    assert k.find("label", name="অপেক্ষমাণ আবেদন / Waiting applications") is None, "nobody is signed in"
    pin = text_of(k.find("text", "পিন / PIN")).translate(BN_TO_LATIN)
    assert pin == "482915", f"the PIN typed is still in its field: {pin!r}"


def test_change_an_answer_from_check_answers(kiosk):
    before = set(captured_jobs())
    k = kiosk(["[printing]", "slip_queue = capture"])
    begin(k, DAKHILA)
    answer(k, NAME_FIELD, "করিম উদ্দিন")
    answer(k, MOBILE_FIELD, "01712345678")
    k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
    k.tap("পরিবর্তন: মোবাইল নম্বর")
    field_shows(k, MOBILE_FIELD, "০১৭১২৩৪৫৬৭৮")
    answer(k, MOBILE_FIELD, "01898765432")
    k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
    assert k.find("label", name="০১৮৯৮৭৬৫৪৩২"), k.labels()
    assert k.find("label", name="করিম উদ্দিন"), "the other answer is still there"
    k.tap(CONFIRM)
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    with k.db() as db:
        assert db.execute("SELECT value FROM draft_answer WHERE question_id='mobile'").fetchone()[0] == "01898765432"
    assert len(set(captured_jobs()) - before) == 1, "one slip, for the confirmed answers"


def test_resume_by_code_on_the_keypad(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture"])
    quick_slip(k, "সালমা বেগম")
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    with k.db() as db:
        code = db.execute("SELECT resume_code FROM draft").fetchone()[0]
    k.tap("শেষ")
    k.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)")
    field_name = "আবেদনের কোড"
    k.wait("text", field_name)
    # A wrong code first: said in words, nothing opens.
    wrong = luhn_code(str((int(code[:14]) + 1) % 10**14).zfill(14))
    tap_keys(k, list(wrong.translate(BN_DIGITS)))
    field_shows(k, field_name, wrong.translate(BN_DIGITS))
    k.tap("খুলুন")
    k.wait("label", contains="এই কোডে কোনো আবেদন নেই")
    set_text(k, field_name, "")
    tap_keys(k, list(code.translate(BN_DIGITS)))
    field_shows(k, field_name, code.translate(BN_DIGITS))
    k.tap("খুলুন")
    k.wait("label", name="সালমা বেগম")
    assert k.find("label", name="উত্তরগুলো মিলিয়ে দেখুন"), "the draft opens on check answers"
    with k.db() as db:
        attempts = db.execute("SELECT count(*) FROM code_attempt").fetchone()[0]
    assert attempts >= 1, "the wrong code was counted"


def test_idle_warning_then_wipe_keeps_the_draft(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture", "[kiosk]", "idle_warning_seconds = 5", "idle_reset_seconds = 10"])
    begin(k, DAKHILA)
    answer(k, NAME_FIELD, "নাসরিন আক্তার")
    set_text(k, MOBILE_FIELD, "0171")
    warning = k.wait("label", contains="আপনি কি এখনও আছেন?", timeout=10)
    assert "সেকেন্ড" in warning.name, warning.name
    field_shows(k, MOBILE_FIELD, "০১৭১")
    k.wait("push button", START, timeout=12)
    assert k.find("label", contains="নাসরিন") is None, "nothing of the citizen is left on screen"
    assert k.find("push button", name="English"), "the next citizen starts in Bengali"
    with k.db() as db:
        name = db.execute("SELECT value FROM draft_answer WHERE question_id='applicant_name'").fetchone()[0]
    assert name == "নাসরিন আক্তার", "the draft stays, behind its code"


def test_i_am_here_keeps_the_page(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture", "[kiosk]", "idle_warning_seconds = 5", "idle_reset_seconds = 10"])
    begin(k, DAKHILA)
    k.wait("label", contains="আপনি কি এখনও আছেন?", timeout=10)
    k.tap("আমি আছি")
    assert k.find("text", NAME_FIELD), "still on the question"
    time.sleep(1.5)
    assert k.find("label", contains="আপনি কি এখনও আছেন?") is None, "the warning went away"


def test_a_third_language_is_a_catalogue_added(kiosk):
    """A language is added by adding its gettext catalogue: the switch offers it, named in itself,
    and the kiosk's own words come from it (values filled, Latin digits); service texts, which the
    catalogue files hold in Bengali and English only, are shown in English."""
    share = tempfile.mkdtemp(prefix="kiosk-share-")
    try:
        for name in os.listdir(ROOT):
            if name not in ("locale", ".git", ".build"):
                os.symlink(os.path.join(ROOT, name), os.path.join(share, name))
        os.makedirs(os.path.join(share, "locale", "zz", "LC_MESSAGES"))
        os.symlink(os.path.join(ROOT, "locale", "bn"), os.path.join(share, "locale", "bn"))
        po = os.path.join(share, "zz.po")
        with open(po, "w") as f:
            f.write('msgid ""\nmsgstr ""\n"Language: zz\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgctxt "endonym"\nmsgid "English"\nmsgstr "Zedish"\n\n'
                    'msgid "Touch to start"\nmsgstr "Ztouch to start"\n\n'
                    'msgid "Helplines: 16122 (land services, 24 hours) · 333 (national call centre)"\n'
                    'msgstr "Zhelplines: 16122 · 333"\n\n'
                    'msgid "Continue an application (with its code)"\nmsgstr "Zcontinue"\n')
        subprocess.run(["msgfmt", "--check", "-o", os.path.join(share, "locale/zz/LC_MESSAGES/bhumiseba-zz.mo"), po],
                       check=True)
        k = kiosk([], env={"BHUMISEBA_SHARE": share})
        k.wait("push button", "English")
        k.tap("Zedish")
        k.wait("push button", "Ztouch to start")
        assert k.find("push button", "বাংলা") and k.find("push button", "English"), k.labels()
        assert k.find("label", contains="Zhelplines: 16122"), k.labels()
        assert k.find("push button", "Zcontinue"), "the texts of the catalogue, not of the first page drawn"
        k.tap("Ztouch to start")
        with open(os.path.join(ROOT, "assets/catalogue/services/dakhila-print.json")) as f:
            dakhila_en = json.load(f)["name"]["en"]
        k.wait("push button", contains=dakhila_en)
    finally:
        shutil.rmtree(share, ignore_errors=True)


def test_english_screen(kiosk):
    """The same journey on the English screen: QWERTY letters, Latin digits, English words."""
    with open(os.path.join(ROOT, "assets/catalogue/services/dakhila-print.json")) as f:
        dakhila_en = json.load(f)["name"]["en"]
    k = kiosk(["[printing]", "slip_queue = capture"])
    k.tap("English")
    k.wait("label", name="Bhumiseba Kiosk")
    assert k.find("label", contains="16122"), "Latin digits on the English screen"
    assert_fits(k, "English home", language_button="বাংলা")
    k.tap("Touch to start")
    k.wait("push button", dakhila_en)
    assert_fits(k, "English services", language_button="বাংলা")
    k.tap(dakhila_en)
    k.tap("Continue")
    k.tap("I agree")
    k.wait("text", NAME_FIELD)
    assert_fits(k, "English question with QWERTY", language_button="বাংলা")
    tap_keys(k, ["shift", "r", "a", "h", "i", "m", "a"])
    field_shows(k, NAME_FIELD, "Rahima")
    k.tap("Next")
    k.wait("text", MOBILE_FIELD)
    tap_keys(k, list("01712345678"))
    k.tap("Next")
    k.wait("label", name="Check your answers")
    assert k.find("label", name="01712345678"), k.labels()
    k.tap("Confirm and print the slip")
    k.wait("label", name="Printed", timeout=30)


def relative_luminance(c):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = c[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(a, b):
    hi, lo = sorted([relative_luminance(a), relative_luminance(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def low_contrast(png, trace=0.005):
    """In a high-contrast picture: the background (the commonest colour) must be black and cover
    at least 80% (text and lines on black, not text on light boxes — keys were yellow on white);
    returns the colours covering more than `trace` of it (text and lines, not the blends at their
    edges) whose contrast with black is below 7:1. Near-black shades (below 1.5:1) are background."""
    from PIL import Image
    im = Image.open(png).convert("RGB")
    colours = sorted(im.getcolors(1 << 24), reverse=True)
    total = im.width * im.height
    share, background = colours[0][0] / total, colours[0][1]
    assert background == (0, 0, 0), f"{png}: the background is {background}, not black"
    assert share >= 0.8, f"{png}: black covers only {share:.0%} (light boxes behind text?)"
    return [(round(n / total, 4), c, round(contrast_ratio(c, background), 1)) for n, c in colours[1:]
            if n / total > trace and 1.5 <= contrast_ratio(c, background) < 7]


# A page with larger text and the same page without: (normal, larger).
LARGER_TEXT_PAIRS = [("bn-01-home", "bn-13-large-home"), ("bn-02-services", "bn-14-large-services"),
                     ("bn-05-question-name", "bn-15-large-question"), ("en-05-question-name", "en-13-large-question"),
                     ("bn-22-heir-relation", "bn-27-large-heir-relation"), ("bn-23-heirs", "bn-28-large-heirs"),
                     ("bn-07-question-error", "bn-29-large-question-error")]


def tour_captions(out):
    """The tour's captions.tsv: (page, kind, font px, (x, y, width, height), caption) for every
    button, label and field of every page."""
    rows = []
    with open(os.path.join(out, "captions.tsv"), encoding="utf-8") as f:
        for line in f:
            page, kind, px, x, y, w, h, caption = line.rstrip("\n").split("\t", 7)
            rows.append((page, kind, float(px), (int(x), int(y), int(w), int(h)), caption))
    return rows


def title_looks_like_a_title(out):
    """In high contrast the page title (also the hidden staff door) is white text on black with no
    yellow frame: yellow frames are for buttons."""
    from PIL import Image
    titles = {"bn-16-contrast-home": "ভূমিসেবা কিয়স্ক", "bn-17-contrast-services": "কোন সেবা চান?",
              "bn-19-contrast-question": "ই-নামজারি"}
    found = {}
    for page, kind, _, (x, y, w, h), caption in tour_captions(out):
        if page in titles and kind == "button" and caption.startswith(titles[page]) and y < 60:
            found[page] = (x, y, w, h)
    assert set(found) == set(titles), f"no title button found on {set(titles) - set(found)}"
    for page, (x, y, w, h) in found.items():
        im = Image.open(os.path.join(out, page + ".png")).convert("RGB").crop((x, y, x + w, y + h))
        yellow = sum(n for n, (r, g, b) in im.getcolors(1 << 24) if r > 200 and g > 200 and b < 80)
        assert yellow == 0, f"{page}: {yellow} yellow pixels in the title ({x}, {y}, {w}×{h}): framed like a button"


def larger_text_enlarges(out):
    """From the tour's captions.tsv (every button, label and field of every page with its font size
    in pixels): each caption on a page with larger text is larger than the same caption on the same
    page without it — the start button, the titles, the keys, the fields, the other buttons."""
    sizes = {}
    for page, kind, px, _, caption in tour_captions(out):
        sizes.setdefault(page, {}).setdefault((kind, caption), []).append(px)
    kinds = set()
    for normal, large in LARGER_TEXT_PAIRS:
        assert normal in sizes and large in sizes, f"{out}: no captions for {normal} or {large}"
        same = [key for key in sizes[normal] if key in sizes[large]]
        assert len(same) >= 4, f"{normal}/{large}: only {same} in both"
        smaller = [(kind, caption[:30], max(sizes[normal][key]), min(sizes[large][key]))
                   for key in same for kind, caption in [key] if min(sizes[large][key]) <= max(sizes[normal][key])]
        assert not smaller, f"{out}: {large}: not larger than on {normal} (kind, caption, px, px larger): {smaller}"
        kinds |= {kind for kind, _ in same}
        if normal == "bn-01-home":
            assert ("button", START) in same, "the start button is compared"
    assert kinds == {"button", "label", "field"}, kinds


def test_tour_every_page_fits_the_screen():
    """The page tour (both languages, larger text, high contrast) exits non-zero naming any page whose
    content is wider than the screen, or with a button, label or field that is neither on screen nor
    a visible scroll away (a scrollbar showing), at 1280×800, 1366×768 and 1920×1080; every page is
    written as a picture; larger text makes every caption larger (larger_text_enlarges)."""
    tmp = tempfile.mkdtemp(prefix="kiosk-tour-")
    try:
        out = os.path.join(tmp, "tour")
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(tmp, "data"))
        run = subprocess.run([KIOSK, "--tour", out], env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr[-2000:]
        pictures = sorted(p for p in os.listdir(out) if p.endswith(".png"))
        assert len(pictures) == 50, pictures
        assert "bn-15-large-question.png" in pictures and "en-05-question-name.png" in pictures, pictures
        small = [p for p in pictures if os.path.getsize(os.path.join(out, p)) < 20000]
        assert not small, f"pictures too small to show a page: {small}"
        # The question page is a question page (the tour once stopped at consent: drafts come from an effect).
        assert os.path.getsize(os.path.join(out, "bn-05-question-name.png")) != os.path.getsize(
            os.path.join(out, "bn-04-consent.png"))
        # High contrast, measured on the pictures: black behind everything, and every colour that
        # covers more than a trace of the page (text and lines, not their anti-aliased edges) at
        # least 7:1 against it (WCAG AAA).
        contrast = [p for p in pictures if "-contrast-" in p]
        assert len(contrast) == 6, contrast
        for p in contrast:
            low = low_contrast(os.path.join(out, p))
            assert not low, f"{p}: colours below 7:1 against black (share of the page, colour, ratio): {low}"
        title_looks_like_a_title(out)
        # The same tour at the other screens a centre has: nothing wider than the screen, and the
        # pictures are of the whole screen.
        for size in ("1366x768", "1920x1080"):
            out_size = os.path.join(tmp, "tour-" + size)
            run = subprocess.run([os.path.join(ROOT, "scripts/with-display.sh"), KIOSK, "--tour", out_size],
                                 env=dict(env, BHUMISEBA_SCREEN=size), capture_output=True, text=True, timeout=180)
            assert run.returncode == 0, f"{size}: {run.stderr[-2000:]}"
            from PIL import Image
            w, h = Image.open(os.path.join(out_size, "bn-05-question-name.png")).size
            assert f"{w}x{h}" == size, f"the window is {w}x{h} on a {size} screen"
            larger_text_enlarges(out_size)
        larger_text_enlarges(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_large_text_and_high_contrast_from_any_page(kiosk):
    k = kiosk(["[printing]", "slip_queue = capture"])
    assert_fits(k, "home")
    begin(k, DAKHILA)
    set_text(k, NAME_FIELD, "রহিম")
    assert_fits(k, "question with the Bengali keyboard")
    # Toggles, whose state a screen reader announces.
    for name in ("বড় লেখা", "উচ্চ কনট্রাস্ট"):
        toggle = find_toggle(k, name)
        assert not toggled(toggle), f"{name} starts off"
        toggle.queryAction().doAction(0)
        wait_for(f"{name} on", lambda name=name: toggled(find_toggle(k, name)))
    field_shows(k, NAME_FIELD, "রহিম")
    assert_fits(k, "question, larger text")


def printer_trouble(config_lines, expect, env=None, fault=None):
    set_fault("capture", fault)
    k = Kiosk(config_lines, env)
    try:
        quick_slip(k)
        label = k.wait("label", contains=expect, timeout=30)
        assert "আপনার আবেদন সংরক্ষিত আছে" in label.name, label.name
        with k.db() as db:
            assert db.execute("SELECT value FROM draft_answer").fetchone()[0] == "করিম উদ্দিন"
            assert db.execute("SELECT state FROM print_job").fetchone()[0] == "not-printed"
            assert len(db.execute("SELECT pdf FROM print_job").fetchone()[0]) > 1000, "the slip is kept to reprint"
        assert k.proc.poll() is None, "the kiosk is still running"
    finally:
        set_fault("capture", None)
        k.close()


def test_paper_jam_is_said_in_words():
    printer_trouble(["[printing]", "slip_queue = capture"], "কাগজ আটকে গেছে", fault="jam")


def test_unknown_queue_is_said_in_words():
    printer_trouble(["[printing]", "slip_queue = no-such-printer"], "পাওয়া যায়নি")


def test_stopped_queue_is_said_in_words():
    subprocess.run(["cupsdisable", "a4"], check=True)
    try:
        printer_trouble(["[printing]", "slip_queue = a4"], "প্রিন্টার বন্ধ আছে")
    finally:
        subprocess.run(["cupsenable", "a4"], check=True)


def test_cupsd_not_running_is_said_in_words():
    printer_trouble(["[printing]", "cups_server = 127.0.0.1:9", "slip_queue = capture"], "প্রিন্ট সার্ভিস চলছে না")


def test_broken_config_stops_start_up_naming_the_line():
    """Without a screen: exit 2 at once, naming the file and line (the journal says it)."""
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "bad.conf")
    with open(path, "w") as f:
        f.write("[centre]\narea_class = D\n")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run([KIOSK, "--config", path], capture_output=True, text=True, timeout=20, env=env)
    assert out.returncode == 2, out
    assert f"{path}:2:" in out.stderr and "area_class" in out.stderr, out.stderr
    shutil.rmtree(tmp)


def test_broken_config_shows_the_out_of_service_page():
    """With a screen: not a blank screen restarting for ever, but the out-of-service page in Bengali
    and English naming the file and line, which stays up until the settings are corrected."""
    k = Kiosk(config_lines=["[centre]", "area_class = D"])
    try:
        k.wait("label", contains="This kiosk cannot be used now")
        k.wait("label", contains="কিয়স্কের সেটিংসে ভুল আছে")
        # The config's fourth line (the first two are the data folder's).
        k.wait("label", contains=f"{k.config}:4:")
        time.sleep(2)
        assert k.proc.poll() is None, "the out-of-service page went away"
    finally:
        k.close()


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def unprivileged(env_dirs):
    """How to run a program as somebody other than root (cage refuses to run as root): as
    ourselves when we are not root, else as the user bhumiseba-test (made here if missing), who is
    given the folders in env_dirs."""
    if os.geteuid() != 0:
        return []
    user = "bhumiseba-test"
    if subprocess.run(["id", user], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user], check=True)
    for d in env_dirs:
        shutil.chown(d, user, user)
    return ["runuser", "-u", user, "--"]


def install_into(folder):
    """scripts/install-kiosk.sh --destdir, with the programs of this build."""
    env = dict(os.environ, BHUMISEBA_BIN_DIR=os.path.dirname(KIOSK))
    run = subprocess.run(["bash", os.path.join(ROOT, "scripts/install-kiosk.sh"), "--destdir", folder], env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]


def test_kiosk_paints_under_cage_on_wayland():
    """The kiosk as the centre runs it: installed, inside cage (a Wayland kiosk compositor;
    headless here), as an unprivileged user; it paints its home page through the Wayland backend."""
    tmp = tempfile.mkdtemp(prefix="kiosk-cage-")
    try:
        dest, runtime, data = (os.path.join(tmp, d) for d in ("root", "run", "data"))
        install_into(dest)
        os.mkdir(runtime, 0o700)
        os.mkdir(data)
        conf = os.path.join(tmp, "kiosk.conf")
        with open(conf, "w") as f:
            f.write(f"[storage]\ndata_dir = {data}\n")
        shot = os.path.join(data, "home.png")
        # A clean environment, as systemd gives the unit: none of the test display's X11, D-Bus or
        # accessibility settings.
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL")}
        env.update(XDG_RUNTIME_DIR=runtime, HOME=data, BHUMISEBA_CONFIG=conf, WLR_BACKENDS="headless",
                   WLR_RENDERER="pixman", WLR_LIBINPUT_NO_DEVICES="1")
        as_user = unprivileged([runtime, data, tmp])
        kiosk = os.path.join(dest, "usr/lib/bhumiseba/bhumiseba-kiosk")
        # Into a file, not a pipe: cage's Xwayland (where it is installed) inherits the output and
        # may outlive cage, and a pipe would wait for it.
        log = os.path.join(tmp, "cage.log")
        with open(log, "w") as out:
            run = subprocess.run(as_user + ["env", "-i"] + [f"{k}={v}" for k, v in env.items()] +
                                 ["cage", "--", kiosk, "--snapshot", shot, "--quit-after-snapshot"],
                                 stdout=out, stderr=subprocess.STDOUT, timeout=60)
        if as_user:  # what cage left behind, as the unprivileged user
            subprocess.run(["pkill", "-x", "-u", as_user[2], "Xwayland"], check=False)
        with open(log) as f:
            said = f.read()
        assert run.returncode == 0, said[-3000:]
        assert "display=wayland" in said, said[-3000:]
        # cage's headless output is 1280×720: the page was laid out for the screen it was given.
        assert png_size(shot) == (1280, 720), png_size(shot)
        assert os.path.getsize(shot) > 40000, "the picture is too small to show the home page"
        assert os.path.exists(os.path.join(data, "kiosk.sqlite")), os.listdir(data)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_install_puts_programs_share_config_and_unit_in_place():
    """scripts/install-kiosk.sh into a folder: the programs, assets and theme, a config that only
    says where the data lives, a systemd unit that systemd-analyze accepts, and a kiosk that starts
    from the installed files alone."""
    tmp = tempfile.mkdtemp(prefix="kiosk-install-")
    # As root on a machine with the user bhumiseba (the Debian package's), the kioskctl wrapper runs
    # the program as that user: it must be able to reach the installed files.
    os.chmod(tmp, 0o755)
    try:
        dest = os.path.join(tmp, "root")
        install_into(dest)
        for path in ("usr/lib/bhumiseba/bhumiseba-kiosk", "usr/lib/bhumiseba/kioskctl", "usr/bin/kioskctl",
                     "usr/share/bhumiseba/ui/kiosk.css", "usr/share/bhumiseba/assets/catalogue/services",
                     "usr/share/bhumiseba/assets/places", "usr/share/doc/bhumiseba/kiosk.conf.example",
                     "etc/bhumiseba/kiosk.conf", "etc/systemd/system/bhumiseba-kiosk.service"):
            assert os.path.exists(os.path.join(dest, path)), f"{path} not installed"
        conf = open(os.path.join(dest, "etc/bhumiseba/kiosk.conf")).read()
        settings = [line for line in conf.splitlines() if line.strip() and not line.startswith("#")]
        assert settings == ["[storage]", "data_dir = /var/lib/bhumiseba"], conf
        # A second install keeps the administrator's settings.
        with open(os.path.join(dest, "etc/bhumiseba/kiosk.conf"), "a") as f:
            f.write("[centre]\narea_class = B\n")
        install_into(dest)
        assert "area_class = B" in open(os.path.join(dest, "etc/bhumiseba/kiosk.conf")).read()
        # The unit, pointed at the installed program (systemd-analyze checks that ExecStart exists).
        unit = open(os.path.join(dest, "etc/systemd/system/bhumiseba-kiosk.service")).read()
        assert "ExecStart=/usr/lib/bhumiseba/start-kiosk" in unit
        assert "exec /usr/bin/cage -d $rotation -- \"$here/bhumiseba-kiosk\"" in open(
            os.path.join(dest, "usr/lib/bhumiseba/start-kiosk")).read()
        assert "User=bhumiseba" in unit and "BHUMISEBA_CONFIG=/etc/bhumiseba/kiosk.conf" in unit
        check = os.path.join(tmp, "bhumiseba-kiosk.service")
        with open(check, "w") as f:
            f.write(unit.replace("/usr/lib/bhumiseba/", os.path.join(dest, "usr/lib/bhumiseba/")))
        verify = subprocess.run(["systemd-analyze", "verify", check], capture_output=True, text=True, timeout=60)
        assert verify.returncode == 0 and verify.stderr.strip() == "", verify.stderr
        # The installed kiosk finds its catalogue and theme in the installed share folder by itself
        # (PREFIX/lib/bhumiseba → PREFIX/share/bhumiseba; no share_dir, no BHUMISEBA_SHARE).
        shot = os.path.join(tmp, "home.png")
        conf_path = os.path.join(tmp, "kiosk.conf")
        with open(conf_path, "w") as f:
            f.write(f"[storage]\ndata_dir = {os.path.join(tmp, 'data')}\n")
        run = subprocess.run([os.path.join(dest, "usr/lib/bhumiseba/bhumiseba-kiosk"), "--config", conf_path,
                              "--snapshot", shot, "--quit-after-snapshot"], capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr[-3000:]
        assert png_size(shot) == (1280, 800) and os.path.getsize(shot) > 40000
        assert os.path.exists(os.path.join(tmp, "data", "kiosk.sqlite")), os.listdir(tmp)
        # kioskctl, through its wrapper in usr/bin, reads the centre's settings from BHUMISEBA_CONFIG.
        with open(conf_path, "a") as f:
            f.write("[centre]\narea_class = B\n")
        ctl = subprocess.run([os.path.join(dest, "usr/bin/kioskctl"), "fee", "--json", "namjari"],
                             env=dict(os.environ, BHUMISEBA_CONFIG=conf_path), capture_output=True, text=True,
                             timeout=60)
        assert ctl.returncode == 0, ctl.stderr
        assert json.loads(ctl.stdout)["area_class"] == "B", ctl.stdout[:300]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, *sys.argv[1:]]))


def centre_database():
    """A new database on the test command's private PostgreSQL, and its address."""
    admin = os.environ["BHUMISEBA_TEST_PG"]
    name = "ui_%d_%d" % (os.getpid(), int(time.time() * 1000) % 10**9)
    subprocess.run(["psql", "-X", "-q", admin, "-c", f"CREATE DATABASE {name}"], check=True)
    return admin.rsplit("/", 1)[0] + "/" + name


def centre_sql(url, sql):
    return subprocess.run(["psql", "-X", "-q", "-t", "-A", url, "-c", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def postgres(command):
    subprocess.run([os.path.join(ROOT, "scripts/private-postgres.sh"), command, os.environ["BHUMISEBA_TEST_PG_DIR"]],
                   check=True)


def test_two_kiosks_of_a_centre_and_the_server_going_away(kiosk):
    """Two kiosks on one centre database (issue 15): a slip printed on kiosk 1 is on the server at
    once; with the server killed (SIGKILL) kiosk 1 still takes a whole journey by touch and prints
    its slip; back again, what it kept reaches the server on its own, once, and kiosk 2 opens that
    draft by the code on the slip."""
    url = centre_database()
    env = {"BHUMISEBA_STORE_URL": url}
    k1 = kiosk(["[printing]", "slip_queue = capture"], env)
    quick_slip(k1, "সালমা বেগম")
    k1.wait("label", name="ছাপা হয়েছে", timeout=30)
    assert centre_sql(url, "SELECT count(*) FROM draft_answer WHERE value = 'সালমা বেগম'") == "1"
    k1.tap("শেষ")

    postgres("kill")
    try:
        before = set(captured_jobs())
        begin(k1, DAKHILA)
        code = shown_code(k1)
        answer(k1, NAME_FIELD, "রহিমা খাতুন")
        answer(k1, MOBILE_FIELD, "01812345678")
        k1.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
        k1.tap(CONFIRM)
        k1.wait("label", name="ছাপা হয়েছে", timeout=30)
        assert len(set(captured_jobs()) - before) == 1, "the slip printed while the server was away"
        k1.tap("শেষ")
    finally:
        postgres("restart")
    wait_for("kiosk 1's kept answers on the server",
             lambda: centre_sql(url, "SELECT count(*) FROM draft_answer WHERE value = 'রহিমা খাতুন'") == "1",
             timeout=40)
    assert centre_sql(url, f"SELECT state FROM draft WHERE resume_code = '{code}'") == "waiting"
    ops = centre_sql(url, "SELECT count(*), count(DISTINCT seq) FROM kiosk_op")
    assert ops.split("|")[0] == ops.split("|")[1], ops

    k2 = kiosk(["[printing]", "slip_queue = capture"], env)
    k2.tap("আগের আবেদন চালিয়ে যান (কোড দিয়ে)")
    k2.wait("text", "আবেদনের কোড")
    type_keys(k2, code)
    k2.tap("খুলুন")
    wait_for("kiosk 1's draft on kiosk 2", lambda: shown_code(k2) == code)
    k2.wait("label", contains="রহিমা খাতুন")


def queue_ctl(k, *args):
    """kioskctl queue … on kiosk k's config and store (the centre's server, from k's environment)."""
    kioskctl = os.path.join(os.path.dirname(KIOSK), "kioskctl")
    run = subprocess.run([kioskctl, "queue", args[0], "--config", k.config, *args[1:]], env=k.env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout


NOT_CONNECTED = "সংযোগ নেই — আবার চেষ্টা করা হচ্ছে / Not connected — trying again"


def board_shows_call(board, token, desk, started):
    """The board's newest call is `token` at `desk` (both in Bengali digits); how long after `started`."""
    board.wait("label", name=token, timeout=10)
    board.wait("label", name=desk, timeout=10)
    return time.monotonic() - started


def test_board_shows_a_call_within_a_second_and_the_server_going_away(kiosk):
    """The "now serving" board (issue 16) on the centre's PostgreSQL: a token from a kiosk journey
    tapped on screen, called to desk 3 by `kioskctl queue call-next`, is on the board within a
    second (LISTEN/NOTIFY); with the server killed the board says it is not connected, and once the
    server is back it connects again by itself and shows the next call. Pictures of the board at
    1280×800 and 1920×1080 are whole-screen and nothing is wider than the screen."""
    url = centre_database()
    env = {"BHUMISEBA_STORE_URL": url}
    k1 = kiosk(["[printing]", "slip_queue = capture"], env)
    quick_slip(k1, "সালমা বেগম")
    k1.wait("label", name="ছাপা হয়েছে", timeout=30)
    letter, number = centre_sql(url, "SELECT letter, number FROM queue_token").split("|")
    first = "%s-%03d" % (letter, int(number))

    board = kiosk([], env, args=["--board"])
    board.wait("label", name="আজ এখনো কোনো টোকেন ডাকা হয়নি / No token has been called yet today")
    assert not [n for n in board.labels() if "সালমা" in n], "nothing of the citizen on the board"
    assert "(%s) → 3" % first in queue_ctl(k1, "call-next", "--desk", "3"), "called to desk 3"
    took = board_shows_call(board, first.translate(BN_DIGITS), "কাউন্টার ৩", time.monotonic())
    assert took < 1.0, f"the call reached the board after {took:.2f} s"
    board.wait("label", name="Token %s → Desk 3" % first)
    assert not [n for n in board.labels() if "সালমা" in n or "01712345678" in n], board.labels()

    # A second citizen's token (the store's own row, as a kiosk would write it); the server goes away.
    centre_sql(url, "INSERT INTO queue_token(day, letter, number, service_id, state, issued_at) "
                    "SELECT day, letter, number + 1, service_id, 'waiting', extract(epoch FROM now()) "
                    "FROM queue_token")
    second = "%s-%03d" % (letter, int(number) + 1)
    postgres("kill")
    try:
        board.wait("label", name=NOT_CONNECTED, timeout=5)
        board.wait("label", name=first.translate(BN_DIGITS))  # the last list known stays, marked as such
    finally:
        postgres("restart")
    wait_for("the board connected again", lambda: board.find("label", name=NOT_CONNECTED) is None, timeout=20)
    assert "(%s) → 5" % second in queue_ctl(k1, "call-next", "--desk", "5")
    took = board_shows_call(board, second.translate(BN_DIGITS), "কাউন্টার ৫", time.monotonic())
    assert took < 1.0, f"the call after the restart reached the board after {took:.2f} s"
    board.wait("label", name="%s  →  কাউন্টার ৩" % first.translate(BN_DIGITS))  # now among the earlier calls

    # Five more calls fill the board; pictures of it at two screens a centre has: the whole screen,
    # nothing wider than it.
    centre_sql(url, "INSERT INTO queue_token(day, letter, number, service_id, state, issued_at) "
                    "SELECT day, letter, number + g, service_id, 'waiting', extract(epoch FROM now()) "
                    "FROM queue_token, generate_series(1, 5) g WHERE number = %d" % (int(number) + 1))
    for desk in ("1", "2", "4", "6", "7"):
        queue_ctl(k1, "call-next", "--desk", desk)
    board.wait("label", name="কাউন্টার ৭")
    off = [(n.name, y + h) for n in walk(board.app) if role(n) == "label"
           for x, y, w, h in [n.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)] if y + h > 800 or x + w > 1280]
    assert not off, f"labels past the edge of the 1280×800 screen: {off}"
    assert board.find("label", name="%s  →  কাউন্টার ৬" % ("%s-%03d" % (letter, int(number) + 5)).translate(BN_DIGITS))
    os.makedirs(os.path.join(ROOT, "out"), exist_ok=True)
    from PIL import Image
    for size in ("1280x800", "1920x1080"):
        png = os.path.join(ROOT, "out", "board-%s.png" % size)
        run = subprocess.run([os.path.join(ROOT, "scripts/with-display.sh"), KIOSK, "--config", board.config,
                              "--board", "--snapshot", png, "--quit-after-snapshot"],
                             env=dict(board.env, BHUMISEBA_SCREEN=size), capture_output=True, text=True,
                             timeout=60)
        assert run.returncode == 0, f"{size}: {run.stderr[-2000:]}"
        w, h = Image.open(png).size
        assert f"{w}x{h}" == size, f"the board is {w}x{h} on a {size} screen"
def click_on(k, role, name):
    """A click where a widget is (a desk has a mouse, and the window under it takes the keys)."""
    node = k.wait(role, name)
    x, y, w, h = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    xdotool("mousemove", str(x + w // 2), str(y + h // 2), "click", "1")


def test_a_desk_calls_tokens_from_two_kiosks_files_charges_and_closes_the_day(kiosk):
    """The staff desk (issue 16) on the centre's PostgreSQL: two kiosks give tokens to citizens
    tapping through a journey; staff sign in at the desk on its keyboard, call the next token (F2)
    and get its draft, correct an answer, mark it filed, charge (the receipt prints), finish the
    token (F8), are told in words that a token another desk called is that desk's, and close the
    day. Signing out returns to the desk's sign-in, never a citizen's page."""
    url = centre_database()
    env = {"BHUMISEBA_STORE_URL": url}
    k1 = kiosk(["[printing]", "slip_queue = capture"], env)
    k2 = kiosk(["[printing]", "slip_queue = capture"], env)
    quick_slip(k1, "সালমা বেগম")
    k1.wait("label", name="ছাপা হয়েছে", timeout=30)
    quick_slip(k2, "রহিমা খাতুন")
    k2.wait("label", name="ছাপা হয়েছে", timeout=30)
    tokens = centre_sql(url, "SELECT letter || number || ':' || state FROM queue_token ORDER BY id")
    assert tokens.split("\n") == ["খ1:waiting", "খ2:waiting"], tokens

    assert k1.ctl("operator", "add", "salma", "--name", STAFF, "--pin-stdin", input="482915\n").returncode == 0
    desk = kiosk(["[printing]", "slip_queue = capture", "a4_queue = capture", "[desk]", "id = 3"], env,
                 args=["--desk"])
    # A staff-only window: its sign-in, no citizen's page, in a normal window (not the whole screen).
    desk.wait("label", name="কর্মী প্রবেশ / Staff sign-in")
    desk.wait("label", name="ডেস্ক ৩ / Desk 3")
    assert desk.find("push button", name=START) is None
    frame = next(n for n in walk(desk.app) if role(n) == "frame")
    _, _, width, height = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    assert (width, height) == (1280, 768), f"a desk-sized window within the 1280×800 screen: {width}×{height}"
    # Signed in on the keyboard alone: the names take the focus first, Enter chooses, the PIN, Enter.
    desk.wait("push button", "কর্মী: " + STAFF)
    click_on(desk, "label", "কর্মী প্রবেশ / Staff sign-in")
    xdotool("key", "Return")
    desk.wait("text", "পিন / PIN")
    assert not [n for n in walk(desk.app) if role(n) == "push button" and n.name == "১"], "no keys on screen"
    xdotool("type", "--delay", "20", "482915")
    xdotool("key", "Return")
    desk.wait("label", name="অপেক্ষমাণ আবেদন / Waiting applications")
    desk.wait("label", contains="খ-০০১ / খ-001")
    desk.wait("label", contains="খ-০০২ / খ-002")
    # F2 calls the longest-waiting token: kiosk 1's citizen, whose draft opens.
    xdotool("key", "F2")
    desk.wait("label", contains="এখন সেবা / Now serving: খ-০০১ / খ-001")
    desk.wait("label", name="সালমা বেগম")
    assert centre_sql(url, "SELECT state || ':' || desk FROM queue_token WHERE number = 1") == "called:3"
    # Correct the mobile number on the keyboard: the old value stays in the history.
    desk.tap("সংশোধন: মোবাইল নম্বর")
    desk.wait("text", MOBILE_FIELD)
    xdotool("key", "ctrl+a")
    xdotool("type", "--delay", "20", "01898765432")
    xdotool("key", "Return")
    desk.wait("label", contains="Correction saved")
    history = centre_sql(url, "SELECT old_value || '>' || new_value || ':' || operator FROM answer_history")
    assert history == "01712345678>01898765432:salma", history
    # Mark filed with the portal's number (Enter in its field). The server goes away first: the
    # desk says so in words and keeps the number typed; back again, Enter files it.
    portal = "পোর্টালের আবেদন নম্বর / Portal application number"
    click_on(desk, "text", portal)
    xdotool("type", "--delay", "20", "DK-2026-5531")
    postgres("kill")
    try:
        xdotool("key", "Return")
        desk.wait("label", contains="The filing was not recorded: the centre's database server")
        desk.wait("label", contains="দাখিল হিসেবে রাখা যায়নি: কেন্দ্রের ডেটাবেস সার্ভার")
        field_shows(desk, portal, "DK-2026-5531")
        xdotool("key", "F8")
        desk.wait("label", contains="Token খ-001 was not finished: the centre's database server")
        field_shows(desk, portal, "DK-2026-5531")
    finally:
        postgres("restart")
    click_on(desk, "text", portal)
    xdotool("key", "Return")
    desk.wait("label", contains="Marked as filed")
    assert centre_sql(url, "SELECT application_number FROM submission") == "DK-2026-5531"
    before = set(captured_jobs())
    desk.tap("ফি নিন ও রসিদ ছাপুন / Charge and print receipt")
    desk.wait("label", contains="Receipt DEMO-2026-000001 printed", timeout=30)
    receipt = pdftext(new_jobs(before)[-1])
    assert "DEMO-2026-000001" in receipt and "DK-2026-5531" in receipt, receipt
    assert squeezed("সালমা বেগম") in squeezed(receipt), receipt
    assert centre_sql(url, "SELECT number || ':' || operator || ':' || total FROM receipt") == "1:salma:20"
    # F8: served. The queue shows kiosk 2's token still waiting.
    xdotool("key", "F8")
    desk.wait("label", contains="Token খ-001 served")
    desk.wait("push button", "ডাকুন: খ-০০২")
    assert centre_sql(url, "SELECT state FROM queue_token WHERE number = 1") == "served"
    # Another desk calls it meanwhile: this desk is told so in words, and does not take it.
    out = desk.ctl("queue", "call-next", "--desk", "4")
    assert out.returncode == 0, out
    desk.tap("ডাকুন: খ-০০২")
    desk.wait("label", contains="Token খ-002 was already called by desk 4; it is that desk's")
    desk.wait("label", contains="টোকেন খ-০০২ ডেস্ক ৪ আগেই ডেকেছে")
    assert centre_sql(url, "SELECT state || ':' || desk FROM queue_token WHERE number = 2") == "called:4"
    # Close the day for the centre.
    desk.tap("দিন শেষের হিসাব / Day-end report")
    desk.wait("label", name="মোট / Total: ৳ ২০ (20)")
    before = set(captured_jobs())
    desk.tap("ছাপুন ও CSV রাখুন / Print and save CSV")
    desk.wait("label", contains="Report printed", timeout=30)
    z = pdftext(new_jobs(before)[-1])
    assert "DEMO-2026-000001" in z, z
    # Signing out returns to the desk's sign-in.
    desk.tap("বের হন / Sign out")
    desk.wait("push button", "কর্মী: " + STAFF)
    assert desk.find("push button", name=START) is None
    assert "logout" in centre_sql(url, "SELECT string_agg(action, ',') FROM audit_log WHERE actor = 'salma'")


def toggled(node):
    states = node.getState()
    return states.contains(pyatspi.STATE_PRESSED) or states.contains(pyatspi.STATE_CHECKED)


def find_toggle(k, name):
    """A toggle button (GTK 4.8 shows a GtkToggleButton as a push button with a pressed state)."""
    return k.find("toggle button", name) or k.wait("push button", name)


def test_listen_without_a_sound_device_says_so_and_nothing_else_changes(kiosk):
    """শুনুন / Listen on every page; with no sound device (as here, under Xvfb) the button says so
    in the screen's language and the page stays as it was. A refused answer is an alert."""
    k = kiosk()
    captions = {"শুনুন", "শব্দযন্ত্র নেই"}  # the button's own caption changes
    before = sorted(t for t in k.labels() if t not in captions)
    k.tap("শুনুন")
    k.wait("push button", "শব্দযন্ত্র নেই")
    assert sorted(t for t in k.labels() if t not in captions) == before, "nothing else changed"
    assert k.find("push button", START) is not None
    assert k.proc.poll() is None, "the kiosk is still running"
    # "Read every page aloud" is a toggle too.
    speak_all = find_toggle(k, "প্রতিটি পাতা পড়ে শোনান")
    assert not toggled(speak_all)
    begin(k, DAKHILA)
    k.wait("push button", "শুনুন")
    # A refused answer: the error summary is an alert, announced as it appears.
    k.tap(NEXT)
    alert = k.wait("alert", contains="")
    assert any(n.name == "সমস্যা আছে" for n in walk(alert)), [n.name for n in walk(alert)]
    # The field is described by its error message.
    entry = k.wait("text", NAME_FIELD)
    relations = entry.getRelationSet()
    described = [t for r in relations if r.getRelationType() == pyatspi.RELATION_DESCRIBED_BY
                 for t in (r.getTarget(i) for i in range(r.getNTargets()))]
    assert any(t.name and "সমস্যা" not in t.name for t in described), (
        f"the field is described by its message: {[(r.getRelationType(), r.getNTargets()) for r in relations]}",
        [(t.getRoleName(), t.name) for t in described])
    # The refusal is spoken as the page opens (here: the button says there is no sound device).
    k.wait("push button", "শব্দযন্ত্র নেই")
    # The alert has the focus (a screen reader says it first); a key typed on a keyboard goes on
    # into the field, which takes the focus back.
    wait_for("the focus on the alert", lambda: (lambda f: f if f is not None and role(f) == "alert"
                                                else None)(focused(k)))
    typed_before = text_of(entry)
    xdotool("type", "--delay", "60", "ab")
    field_shows(k, NAME_FIELD, typed_before + "ab")
    wait_for("the focus back in the field", lambda: (lambda f: f if f is not None and role(f) == "text"
                                                     else None)(focused(k)))
    k.tap("English")
    k.wait("push button", "No sound device")
    assert k.proc.poll() is None


def test_kioskctl_say_speakable_and_wav():
    kioskctl = os.path.join(os.path.dirname(KIOSK), "kioskctl")
    run = subprocess.run([kioskctl, "say", "--lang", "en", "--speakable", "Helplines: 16122 · Tk 1,170"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[en] Helplines: one six one two two, Taka One Thousand One Hundred Seventy only"
    tmp = tempfile.mkdtemp(prefix="say-")
    try:
        wav = os.path.join(tmp, "say.wav")
        run = subprocess.run([kioskctl, "say", "--wav", wav, "হেল্পলাইন ১৬১২২"], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        seconds = float(subprocess.run(["soxi", "-D", wav], capture_output=True, text=True, check=True).stdout)
        assert 1.0 < seconds < 8.0, seconds
        stat = subprocess.run(["sox", wav, "-n", "stat"], capture_output=True, text=True).stderr
        rms = float(next(line.split(":")[1] for line in stat.splitlines() if line.startswith("RMS     amplitude")))
        assert rms > 0.02, stat
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def focused(k):
    return next((n for n in walk(k.app) if n.getState().contains(pyatspi.STATE_FOCUSED)), None)


def test_focus_starts_on_the_page_heading(kiosk):
    """A screen reader starts each page without a field on its heading (the title, a heading of
    level 1), not on a button; a page with a field starts in the field, which its hint describes."""
    k = kiosk()
    for step, title in ((None, "ভূমিসেবা কিয়স্ক"), (START, "কোন সেবা চান?"), (DAKHILA, DAKHILA),
                        ("চালিয়ে যান", DAKHILA)):
        if step:
            k.tap(step)
        k.wait("heading", contains=title)
        node = wait_for(f"the focus on the heading {title}",
                        lambda title=title: (lambda f: f if f is not None and role(f) == "heading"
                                             and title in f.name else None)(focused(k)))
        assert node.getAttributes() is not None
    k.tap("আমি রাজি")
    entry = wait_for("the focus in the name field", lambda: (lambda f: f if f is not None and role(f) == "text"
                                                              else None)(focused(k)))
    assert entry.name == NAME_FIELD, entry.name
    # The keys' names are in the screen's language: no Latin letter in a key's name on a Bengali screen.
    keys = settled_keys(k)
    latin = [n.name for n in keys.values() if any("a" <= c.lower() <= "z" for c in n.name)]
    assert keys and not latin, f"keys named in English on a Bengali screen: {latin}"
    assert {"মুছুন", "হসন্ত"} <= {n.name for n in keys.values()} | {n.name for n in walk(k.app)
                                                                   if role(n) == "push button"}

COMPLAINT_AMOUNT = "আপনার কাছে কত টাকা চাওয়া হয়েছে? / How much were you asked to pay (taka)?"
COMPLAINT_REFERENCE = "রসিদ নম্বর বা আবেদনের কোড (থাকলে) / Receipt number or resume code, if you have one"
COMPLAINT_MOBILE = ("মোবাইল নম্বর, যদি আপনাকে ফোন করা হোক চান (ঐচ্ছিক) / "
                    "Mobile number, if you want to be called back (optional)")


def test_complaint_of_an_overcharge_by_touch_to_a_printed_slip(kiosk):
    """Issue 20: the Complaint tile, its questions answered on the on-screen keys only, a printed
    complaint slip (Bengali first: its number, the service's fixed fee, 16122, the Deputy
    Commissioner's office), one row in the register (the mobile number there, never in the audit
    log), and `kioskctl complaints verify` holds."""
    before = set(captured_jobs())
    k = kiosk(["[printing]", "slip_queue = capture"])
    k.tap("অভিযোগ")
    k.wait("label", name="কী হয়েছে?")
    assert_fits(k, "complaint: what happened")
    k.tap("নির্ধারিত ফির চেয়ে বেশি টাকা চাওয়া হয়েছে")
    k.wait("text", COMPLAINT_AMOUNT)
    tap_keys(k, list("২৫০০"))
    field_shows(k, COMPLAINT_AMOUNT, "২৫০০")
    k.tap(NEXT)
    k.wait("label", name="কোন সেবা নিয়ে অভিযোগ?")
    k.tap(NAMJARI)
    k.wait("text", COMPLAINT_REFERENCE)
    k.tap(NEXT)  # no receipt: left empty
    k.wait("text", COMPLAINT_MOBILE)
    answer(k, COMPLAINT_MOBILE, "01712345678")
    k.wait("label", name="উত্তরগুলো মিলিয়ে দেখুন")
    k.tap(CONFIRM)
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    number = next(n.name for n in walk(k.app) if n.getRoleName() == "label" and n.name.endswith("-C-000001"))
    assert k.find("label", contains="১৬১২২"), "the page says where to escalate"
    text = pdftext(slip_job(before))
    flat = squeezed(text)
    assert number in text, text
    for words in ("অভিযোগের স্লিপ", "Complaint slip", "১৬১২২", "16122", "জেলা প্রশাসকের কার্যালয়",
                  "Deputy Commissioner", "কেন্দ্রের নির্ধারিত ফি", "২,৫০০"):
        assert squeezed(words) in flat, f"{words!r} not on the slip: {text}"
    assert flat.index(squeezed("অভিযোগের স্লিপ")) < flat.index(squeezed("Complaint slip")), "Bengali first"
    assert "01712345678" not in text, "the mobile number is not printed"
    fee = json.loads(subprocess.run([os.path.join(os.path.dirname(KIOSK), "kioskctl"), "fee", "namjari",
                                     "--area", "C", "--json"], capture_output=True, text=True, check=True).stdout)
    with k.db() as db:
        rows = db.execute("SELECT kind, asked_amount, service_id, fee, mobile, reference FROM complaint").fetchall()
        log = db.execute("SELECT subject || detail FROM audit_log").fetchall()
    assert rows == [("overcharged", 2500, "namjari", rows[0][3], "01712345678", None)], rows
    assert rows[0][3] > 0 and str(rows[0][3]) in json.dumps(fee), (rows, fee)
    assert not any("01712345678" in r[0] for r in log), "no mobile number in the audit log"
    r = k.ctl("complaints", "verify")
    assert r.returncode == 0 and "complaints ok" in r.stdout, r.stdout + r.stderr
    r = k.ctl("complaints", "list")
    assert number in r.stdout and "01712345678" not in r.stdout, r.stdout


def test_a_thermal_printer_low_on_paper_prints_the_slip_and_the_page_says_so(kiosk):
    """Issue 17: a thermal printer that answers DLE EOT with paper near its end (the ESC/POS
    stand-in) prints the slip, and the confirmation page asks the citizen to tell staff."""
    status = os.path.join(CUPS_DIR, "thermal", "status")
    with open(status, "w") as f:
        f.write("paper-near-end")
    try:
        k = kiosk(["[printing]", "slip_queue = escpos"])
        quick_slip(k)
        k.wait("label", name="ছাপা হয়েছে", timeout=30)
        k.wait("label", contains="প্রিন্টারের কাগজ ফুরিয়ে আসছে")
        assert any("কর্মীকে" in t and "কাগজ ফুরিয়ে" in t for t in k.labels()), k.labels()
    finally:
        os.remove(status)


def test_a_usb_thermal_printer_low_on_paper_or_out_of_it_is_said_on_the_page(kiosk):
    """Issue 17: a thermal printer the kiosk cannot ask itself (USB; the `escposusb` queue of the
    private cupsd) is asked by its queue's CUPS filter at the job's start: paper near its end
    prints and the page asks the citizen to tell staff; paper out prints nothing and says so."""
    status = os.path.join(CUPS_DIR, "thermal", "status")
    with open(status, "w") as f:
        f.write("paper-near-end")
    try:
        k = kiosk(["[printing]", "slip_queue = escposusb"])
        quick_slip(k)
        k.wait("label", name="ছাপা হয়েছে", timeout=30)
        k.wait("label", contains="প্রিন্টারের কাগজ ফুরিয়ে আসছে")
        assert any("কর্মীকে" in t and "কাগজ ফুরিয়ে" in t for t in k.labels()), k.labels()
        k.close()
        with open(status, "w") as f:
            f.write("paper-out")
        before = {n for n in os.listdir(os.path.join(CUPS_DIR, "thermal")) if n.endswith(".png")}
        k = kiosk(["[printing]", "slip_queue = escposusb"])
        quick_slip(k)
        k.wait("label", contains="প্রিন্টারে কাগজ শেষ", timeout=30)
        assert not any(t == "ছাপা হয়েছে" for t in k.labels()), k.labels()
        after = {n for n in os.listdir(os.path.join(CUPS_DIR, "thermal")) if n.endswith(".png")}
        assert after == before, "nothing printed"
    finally:
        os.remove(status)


def test_one_tap_feedback_after_a_finished_visit_is_counted_by_service_and_day(kiosk):
    """Issue 20: the confirmation page asks how the service was; one tap (good) is counted by day,
    service and rating, nothing else, and thanks the citizen; no second tap counts."""
    k = kiosk(["[printing]", "slip_queue = capture"])
    quick_slip(k)
    k.wait("label", name="আজকের সেবা কেমন ছিল?", timeout=30)
    # The page is drawn again when the slip has printed: a tap on the first drawing's button
    # would reach a button no longer on the screen.
    k.wait("label", name="ছাপা হয়েছে", timeout=30)
    k.tap("ভালো")
    k.wait("label", name="মতামতের জন্য ধন্যবাদ।")
    assert k.find("push button", "ভালো") is None, "one tap only"
    with k.db() as db:
        rows = db.execute("SELECT service_id, rating, n FROM feedback_count").fetchall()
        columns = [c[1] for c in db.execute("PRAGMA table_info(feedback_count)").fetchall()]
    assert rows == [("dakhila-print", 3, 1)], rows
    assert columns == ["day", "service_id", "rating", "n"], "nothing personal kept with a tap"
    r = k.ctl("report", "--json")
    assert json.loads(r.stdout)["feedback"] == {"dakhila-print": [0, 0, 1]}, r.stdout + r.stderr
