// fnlint's declaration-only stand-in for libcurl's <curl/curl.h>, written by
// fnlint from libcurl's documented interface: enough for a handler's use of the
// easy interface to parse. A real curl.h on the include path wins.
#pragma once

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void CURL;
struct curl_slist;

typedef enum {
  CURLE_OK = 0,
  CURLE_UNSUPPORTED_PROTOCOL = 1,
  CURLE_COULDNT_CONNECT = 7,
  CURLE_OPERATION_TIMEDOUT = 28,
  CURLE_SSL_CONNECT_ERROR = 35,
  CURLE_PEER_FAILED_VERIFICATION = 60
} CURLcode;

/* The option numbers are libcurl's: type base (LONG 0, OBJECTPOINT 10000,
   FUNCTIONPOINT 20000, OFF_T 30000) plus the option's index. */
typedef enum {
  CURLOPT_WRITEDATA = 10001,
  CURLOPT_URL = 10002,
  CURLOPT_PROXY = 10004,
  CURLOPT_USERPWD = 10005,
  CURLOPT_READDATA = 10009,
  CURLOPT_WRITEFUNCTION = 20011,
  CURLOPT_READFUNCTION = 20012,
  CURLOPT_TIMEOUT = 13,
  CURLOPT_POSTFIELDS = 10015,
  CURLOPT_USERAGENT = 10018,
  CURLOPT_HTTPHEADER = 10023,
  CURLOPT_VERBOSE = 41,
  CURLOPT_NOBODY = 44,
  CURLOPT_POST = 47,
  CURLOPT_FOLLOWLOCATION = 52,
  CURLOPT_SSL_VERIFYPEER = 64,
  CURLOPT_CAINFO = 10065,
  CURLOPT_SSL_VERIFYHOST = 81,
  CURLOPT_HTTPGET = 80,
  CURLOPT_CONNECTTIMEOUT = 78,
  CURLOPT_CAPATH = 10097,
  CURLOPT_TIMEOUT_MS = 155,
  CURLOPT_PROXY_SSL_VERIFYPEER = 248,
  CURLOPT_PROXY_SSL_VERIFYHOST = 249
} CURLoption;

typedef enum { CURLINFO_RESPONSE_CODE = 0x200002 } CURLINFO;

#define CURL_GLOBAL_SSL (1 << 0)
#define CURL_GLOBAL_WIN32 (1 << 1)
#define CURL_GLOBAL_ALL (CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32)
#define CURL_GLOBAL_DEFAULT CURL_GLOBAL_ALL

CURLcode curl_global_init(long flags);
void curl_global_cleanup(void);
CURL *curl_easy_init(void);
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...);
CURLcode curl_easy_perform(CURL *curl);
CURLcode curl_easy_getinfo(CURL *curl, CURLINFO info, ...);
void curl_easy_cleanup(CURL *curl);
const char *curl_easy_strerror(CURLcode code);
struct curl_slist *curl_slist_append(struct curl_slist *list, const char *data);
void curl_slist_free_all(struct curl_slist *list);

#ifdef __cplusplus
}
#endif
