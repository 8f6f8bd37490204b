/* raytrace: a Whitted-style ray tracer in f64, written for this project's
 * benchmarks. The scene is a checkered floor, a box and seven spheres (some
 * mirrors) lit by two point lights with hard shadows, Phong highlights and up
 * to three bounces of reflection. Each frame the camera moves along a circle
 * around the scene; pixels go to an RGB byte buffer in linear memory.
 *
 * Structs of three doubles pass through the shadow stack in memory (the
 * wasm32 C ABI), so the code is a mix of f64 arithmetic, sqrt, floor, loads,
 * stores and calls, much like real graphics code built for the web.
 *
 * run(n): n frames of W x H; the checksum covers every pixel of every frame. */
#include "rt.h"

#define W 128
#define H 96
#define MAXDEPTH 3
#define NSPHERES 7
#define EPS 1e-6
#define FAR 1e30
#define PI 3.14159265358979323846

typedef struct { double x, y, z; } V;

static V vec(double x, double y, double z) { V r = { x, y, z }; return r; }
static V add(V a, V b) { return vec(a.x + b.x, a.y + b.y, a.z + b.z); }
static V sub(V a, V b) { return vec(a.x - b.x, a.y - b.y, a.z - b.z); }
static V scale(V a, double s) { return vec(a.x * s, a.y * s, a.z * s); }
static V mul(V a, V b) { return vec(a.x * b.x, a.y * b.y, a.z * b.z); }
static double dot(V a, V b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static V cross(V a, V b) { return vec(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x); }
static V unit(V a) { return scale(a, 1.0 / __builtin_sqrt(dot(a, a))); }
static V reflect(V d, V n) { return sub(d, scale(n, 2.0 * dot(d, n))); }
static double maxd(double a, double b) { return a > b ? a : b; }
static double mind(double a, double b) { return a < b ? a : b; }

/* sin and cos by range reduction and a Taylor series (no libm here). */
static void sincos_(double a, double *s, double *c) {
  a -= 2 * PI * __builtin_floor((a + PI) / (2 * PI));
  double term = a, sum = a, a2 = a * a;
  for (int k = 1; k < 12; k++) { term *= -a2 / ((2 * k) * (2 * k + 1)); sum += term; }
  *s = sum;
  term = 1; sum = 1;
  for (int k = 1; k < 12; k++) { term *= -a2 / ((2 * k - 1) * (2 * k)); sum += term; }
  *c = sum;
}

typedef struct { V center; double radius; V color; double mirror; } Sphere;

static Sphere spheres[NSPHERES];
static const V box_lo = { 1.2, 0.0, -2.6 }, box_hi = { 2.2, 1.4, -1.6 };
static V lights[2];
static V light_color[2];
static u8 image[W * H * 3];

typedef struct { double t; V normal; V color; double mirror; } Hit;

static void make_scene(void) {
  for (int i = 0; i < NSPHERES; i++) {
    double a = i * (2 * PI / NSPHERES), s, c;
    sincos_(a, &s, &c);
    double r = 0.35 + 0.1 * (i % 3);
    spheres[i].center = vec(2.6 * c, r + 0.05 * i, 2.6 * s);
    spheres[i].radius = r;
    spheres[i].color = vec(0.3 + 0.1 * (i % 4), 0.25 + 0.2 * ((i + 1) % 3), 0.9 - 0.1 * i);
    spheres[i].mirror = (i % 3 == 0) ? 0.6 : 0.1;
  }
  spheres[0].center = vec(0, 1.0, 0);
  spheres[0].radius = 1.0;
  spheres[0].color = vec(0.9, 0.9, 0.95);
  spheres[0].mirror = 0.8;
  lights[0] = vec(-4, 6, 3);
  lights[1] = vec(3, 4, -5);
  light_color[0] = vec(0.9, 0.85, 0.8);
  light_color[1] = vec(0.3, 0.35, 0.5);
}

static double hit_sphere(const Sphere *s, V o, V d) {
  V oc = sub(o, s->center);
  double b = dot(oc, d), c = dot(oc, oc) - s->radius * s->radius;
  double disc = b * b - c;
  if (disc < 0) return FAR;
  double q = __builtin_sqrt(disc);
  double t = -b - q;
  if (t > EPS) return t;
  t = -b + q;
  return t > EPS ? t : FAR;
}

/* Slab test against the box; the normal is the face the ray enters through. */
static double hit_box(V o, V d, V *normal) {
  double lo = -FAR, hi = FAR;
  int axis = 0;
  double sign = 1;
  const double *O = &o.x, *D = &d.x, *L = &box_lo.x, *Hh = &box_hi.x;
  for (int k = 0; k < 3; k++) {
    if (D[k] == 0) {
      if (O[k] < L[k] || O[k] > Hh[k]) return FAR;
      continue;
    }
    double inv = 1.0 / D[k];
    double t0 = (L[k] - O[k]) * inv, t1 = (Hh[k] - O[k]) * inv;
    double s = -1;
    if (t0 > t1) { double t = t0; t0 = t1; t1 = t; s = 1; }
    if (t0 > lo) { lo = t0; axis = k; sign = s; }
    hi = mind(hi, t1);
  }
  if (lo > hi || hi < EPS || lo < EPS) return FAR;
  *normal = vec(axis == 0 ? sign : 0, axis == 1 ? sign : 0, axis == 2 ? sign : 0);
  return lo;
}

/* The nearest hit along o + t d, or t = FAR. */
static Hit nearest(V o, V d) {
  Hit h;
  h.t = FAR;
  int best = -1;
  for (int i = 0; i < NSPHERES; i++) {
    double t = hit_sphere(&spheres[i], o, d);
    if (t < h.t) { h.t = t; best = i; }
  }
  if (best >= 0) {
    Sphere *s = &spheres[best];
    h.normal = scale(sub(add(o, scale(d, h.t)), s->center), 1.0 / s->radius);
    h.color = s->color;
    h.mirror = s->mirror;
  }
  V bn;
  double tb = hit_box(o, d, &bn);
  if (tb < h.t) {
    h.t = tb; h.normal = bn; h.color = vec(0.8, 0.35, 0.2); h.mirror = 0.0;
  }
  if (d.y < 0) {
    double tp = -o.y / d.y;
    if (tp > EPS && tp < h.t) {
      V p = add(o, scale(d, tp));
      int check = ((int)__builtin_floor(p.x) + (int)__builtin_floor(p.z)) & 1;
      h.t = tp; h.normal = vec(0, 1, 0);
      h.color = check ? vec(0.9, 0.9, 0.85) : vec(0.15, 0.15, 0.2);
      h.mirror = 0.25;
    }
  }
  return h;
}

static int shadowed(V p, V l, double dist) {
  for (int i = 0; i < NSPHERES; i++) if (hit_sphere(&spheres[i], p, l) < dist) return 1;
  V n;
  return hit_box(p, l, &n) < dist;
}

static V trace(V o, V d, int depth) {
  Hit h = nearest(o, d);
  if (h.t >= FAR) {
    double k = 0.5 * (d.y + 1.0);
    return add(scale(vec(1, 1, 1), 1 - k), scale(vec(0.4, 0.6, 1.0), k));
  }
  V p = add(o, scale(d, h.t));
  V n = h.normal;
  if (dot(n, d) > 0) n = scale(n, -1);
  V lift = add(p, scale(n, 1e-7));
  V c = scale(h.color, 0.08);
  for (int i = 0; i < 2; i++) {
    V tl = sub(lights[i], p);
    double dist = __builtin_sqrt(dot(tl, tl));
    V l = scale(tl, 1.0 / dist);
    double diff = dot(n, l);
    if (diff <= 0 || shadowed(lift, l, dist)) continue;
    c = add(c, mul(h.color, scale(light_color[i], diff)));
    double s = maxd(0.0, -dot(reflect(l, n), d));
    s *= s; s *= s; s *= s; s *= s; s *= s; /* s^32 */
    c = add(c, scale(light_color[i], s * 0.6));
  }
  if (h.mirror > 0 && depth < MAXDEPTH) {
    V r = trace(lift, unit(reflect(d, n)), depth + 1);
    c = add(scale(c, 1 - h.mirror), scale(r, h.mirror));
  }
  return c;
}

static u8 to_byte(double v) {
  v = __builtin_sqrt(maxd(0.0, mind(1.0, v))); /* gamma 2 */
  return (u8)(v * 255.0 + 0.5);
}

static void render(int frame) {
  double s, c;
  sincos_(0.21 * frame, &s, &c);
  V eye = vec(6.5 * s, 2.2 + 0.3 * c, 6.5 * c);
  V forward = unit(sub(vec(0, 0.7, 0), eye));
  V right = unit(cross(forward, vec(0, 1, 0)));
  V up = cross(right, forward);
  double fov = 0.9;
  for (int y = 0; y < H; y++) {
    for (int x = 0; x < W; x++) {
      double u = ((x + 0.5) / W * 2 - 1) * fov * W / H;
      double v = (1 - (y + 0.5) / H * 2) * fov;
      V d = unit(add(forward, add(scale(right, u), scale(up, v))));
      V col = trace(eye, d, 0);
      u8 *px = image + 3 * (y * W + x);
      px[0] = to_byte(col.x);
      px[1] = to_byte(col.y);
      px[2] = to_byte(col.z);
    }
  }
}

int run(int n) {
  make_scene();
  u32 h = 2166136261u;
  for (int f = 0; f < n; f++) {
    render(f);
    h = fnv(h, image, sizeof image);
  }
  return (int)h;
}
