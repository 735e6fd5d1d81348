# Sourced by the bench scripts. bench_token DIR: a throwaway RS256 key in DIR, its JWK set in
# DIR/jwks.json and DIR/hdr with an "Authorization: Bearer ..." line for u-1 (six hours, every
# scope), issuer http://localhost:9000 (pass it to the gateway as --mosaic.gateway.security.issuer). Serve DIR/jwks.json yourself.
bench_token() {
  local dir="$1"
  openssl genrsa -out "$dir/key.pem" 2048 2>/dev/null
  python3 - "$dir" <<'PY'
import base64, json, subprocess, sys, time
w = sys.argv[1]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()
mod = subprocess.check_output(['openssl', 'rsa', '-in', f'{w}/key.pem', '-noout', '-modulus']).decode().strip().split('=')[1]
jwk = {'kty': 'RSA', 'kid': 'bench', 'alg': 'RS256', 'use': 'sig', 'n': b64(bytes.fromhex(mod)), 'e': 'AQAB'}
open(f'{w}/jwks.json', 'w').write(json.dumps({'keys': [jwk]}))
head = b64(json.dumps({'alg': 'RS256', 'kid': 'bench', 'typ': 'JWT'}).encode())
body = b64(json.dumps({'sub': 'u-1', 'scope': 'dashboard:read dashboard:read:any', 'iss': 'http://localhost:9000',
                       'iat': int(time.time()), 'exp': int(time.time()) + 6 * 3600}).encode())
sig = subprocess.run(['openssl', 'dgst', '-sha256', '-sign', f'{w}/key.pem'], input=f'{head}.{body}'.encode(),
                     capture_output=True, check=True).stdout
open(f'{w}/hdr', 'w').write(f'Authorization: Bearer {head}.{body}.{b64(sig)}\n')
PY
}
