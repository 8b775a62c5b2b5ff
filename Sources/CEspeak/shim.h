// espeak-ng's C library (libespeak-ng-dev) and the audio output it plays through (pcaudiolib,
// libpcaudio-dev): the kiosk synthesises into memory and plays the samples itself, so that a WAV
// file (tests, kioskctl say) holds exactly what the kiosk says.
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <pcaudiolib/audio.h>
