//! `#[derive(FromJson)]` and `#[derive(ToJson)]` for kaohe's formats.
//!
//! Serde's derives generate a visitor per type that the optimiser inlines into every
//! deserializer entry point; across ~250 format types that was over a third of the wasm. These
//! derives emit a short sequence of calls into the non-generic helpers of `::kaohe_json`
//! (object check, field lookup against a static list, unknown-field and missing-field errors)
//! plus one small generic call per field, with the same JSON shapes and error messages.
//!
//! They read the existing `#[serde(...)]` attributes (tsify reads the same ones for the
//! TypeScript declarations), supporting exactly what the formats use: `rename_all` (camelCase,
//! lowercase, kebab-case), `rename`, `default`, `default = "path"`, `skip`,
//! `skip_serializing_if`, `deny_unknown_fields`, `tag` (internally tagged enums) and externally
//! tagged enums with unit, newtype and struct variants. Anything else is a compile error, so a
//! new attribute cannot be silently ignored.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{
    parse_macro_input, Attribute, Data, DeriveInput, Error, Fields, Ident, LitStr, Path, Type,
    Variant,
};

#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    from_json(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

#[proc_macro_derive(ToJson, attributes(serde))]
pub fn derive_to_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    to_json(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

#[derive(Clone, Copy, PartialEq)]
enum RenameAll {
    None,
    Camel,
    Lower,
    Kebab,
}

#[derive(Default)]
struct Container {
    rename_all: Option<RenameAll>,
    deny_unknown_fields: bool,
    default: bool,
    tag: Option<String>,
}

enum FieldDefault {
    None,
    Default,
    Path(Path),
}

struct Field {
    ident: Ident,
    ty: Type,
    name: String,
    default: FieldDefault,
    skip: bool,
    skip_serializing_if: Option<Path>,
}

fn container_attrs(attrs: &[Attribute]) -> syn::Result<Container> {
    let mut c = Container::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let value: LitStr = meta.value()?.parse()?;
                c.rename_all = Some(match value.value().as_str() {
                    "camelCase" => RenameAll::Camel,
                    "lowercase" => RenameAll::Lower,
                    "kebab-case" => RenameAll::Kebab,
                    _ => return Err(meta.error("unsupported rename_all")),
                });
            } else if meta.path.is_ident("deny_unknown_fields") {
                c.deny_unknown_fields = true;
            } else if meta.path.is_ident("default") {
                c.default = true;
            } else if meta.path.is_ident("tag") {
                let value: LitStr = meta.value()?.parse()?;
                c.tag = Some(value.value());
            } else {
                return Err(meta.error("unsupported serde container attribute"));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

/// `rename` on a variant or field, the only attribute variants take.
fn rename_attr(attrs: &[Attribute]) -> syn::Result<Option<String>> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let value: LitStr = meta.value()?.parse()?;
                rename = Some(value.value());
                Ok(())
            } else {
                Err(meta.error("unsupported serde variant attribute"))
            }
        })?;
    }
    Ok(rename)
}

fn unraw(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_string).unwrap_or(s)
}

/// Serde's rules for a snake_case field name.
fn rename_field(name: &str, rule: RenameAll) -> String {
    match rule {
        RenameAll::None | RenameAll::Lower => name.to_string(),
        RenameAll::Kebab => name.replace('_', "-"),
        RenameAll::Camel => {
            let mut out = String::new();
            let mut upper = false;
            for ch in name.chars() {
                if ch == '_' {
                    upper = true;
                } else if upper {
                    out.push(ch.to_ascii_uppercase());
                    upper = false;
                } else {
                    out.push(ch);
                }
            }
            out
        }
    }
}

/// Serde's rules for a PascalCase variant name.
fn rename_variant(name: &str, rule: RenameAll) -> String {
    match rule {
        RenameAll::None => name.to_string(),
        RenameAll::Lower => name.to_ascii_lowercase(),
        RenameAll::Camel => name[..1].to_ascii_lowercase() + &name[1..],
        RenameAll::Kebab => {
            let mut out = String::new();
            for (i, ch) in name.char_indices() {
                if ch.is_uppercase() && i > 0 {
                    out.push('-');
                }
                out.push(ch.to_ascii_lowercase());
            }
            out
        }
    }
}

fn named_fields(fields: &Fields, rule: RenameAll) -> syn::Result<Vec<Field>> {
    let Fields::Named(named) = fields else {
        return Err(Error::new_spanned(fields, "expected named fields"));
    };
    let mut out = Vec::new();
    for f in &named.named {
        let ident = f.ident.clone().expect("named field");
        let mut field = Field {
            name: rename_field(&unraw(&ident), rule),
            ident,
            ty: f.ty.clone(),
            default: FieldDefault::None,
            skip: false,
            skip_serializing_if: None,
        };
        for attr in f.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let value: LitStr = meta.value()?.parse()?;
                    field.name = value.value();
                } else if meta.path.is_ident("default") {
                    field.default = if meta.input.peek(syn::Token![=]) {
                        let value: LitStr = meta.value()?.parse()?;
                        FieldDefault::Path(value.parse()?)
                    } else {
                        FieldDefault::Default
                    };
                } else if meta.path.is_ident("skip") {
                    field.skip = true;
                } else if meta.path.is_ident("skip_serializing_if") {
                    let value: LitStr = meta.value()?.parse()?;
                    field.skip_serializing_if = Some(value.parse()?);
                } else {
                    return Err(meta.error("unsupported serde field attribute"));
                }
                Ok(())
            })?;
        }
        out.push(field);
    }
    Ok(out)
}

fn rule_of(c: &Container) -> RenameAll {
    c.rename_all.unwrap_or(RenameAll::None)
}

// ---------------------------------------------------------------------------------------------
// FromJson

/// Decodes named fields from `__o` (a `&Map`) into `ctor { .. }`; `tag` is the key of an
/// internally tagged enum, which is not a field.
///
/// Each field is a `json::Field<T>` slot handed to the non-generic `json::decode_fields` as
/// `&mut dyn Slot`: the code that decodes a `T` (and fills it in when absent) exists once per
/// field type, shared by every struct, and each struct adds only its slots and constructor.
fn decode_fields(
    fields: &[Field],
    ctor: Tokens,
    deny: bool,
    container_default: bool,
    tagged: Option<(&str, String)>,
) -> Tokens {
    let live: Vec<&Field> = fields.iter().filter(|f| !f.skip).collect();
    let names = live.iter().map(|f| &f.name);
    let slots: Vec<Ident> = (0..live.len()).map(|i| format_ident!("__f{}", i)).collect();
    let base = if container_default {
        quote! { let __d: Self = ::core::default::Default::default(); }
    } else {
        quote! {}
    };
    let slot_decls = slots.iter().zip(&live).map(|(slot, f)| {
        let ty = &f.ty;
        let ident = &f.ident;
        let init = match &f.default {
            FieldDefault::Default => {
                quote! { ::kaohe_json::Field::<#ty>::with_default(::core::default::Default::default) }
            }
            FieldDefault::Path(path) => {
                quote! { ::kaohe_json::Field::<#ty>::with_default(#path) }
            }
            FieldDefault::None if container_default => {
                quote! { ::kaohe_json::Field::<#ty>::with_value(__d.#ident) }
            }
            FieldDefault::None => quote! { ::kaohe_json::Field::<#ty>::new() },
        };
        quote! { let mut #slot = #init; }
    });
    let call = match tagged {
        None => quote! {
            ::kaohe_json::decode_fields(__o, &[#(#names),*], #deny, "", &mut [#(&mut #slots),*])?
        },
        Some((tag, expected)) => quote! {
            ::kaohe_json::tagged_fields(__content, &[#(#names),*], #deny, #tag, #expected, &mut [#(&mut #slots),*])?
        },
    };
    let mut slot_iter = slots.iter();
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.skip {
            return if container_default {
                quote! { #ident: __d.#ident }
            } else {
                quote! { #ident: ::core::default::Default::default() }
            };
        }
        let slot = slot_iter.next().expect("one slot per live field");
        quote! { #ident: #slot.into_value() }
    });
    quote! {{
        #base
        #(#slot_decls)*
        #call;
        ::core::result::Result::Ok(#ctor { #(#inits),* })
    }}
}

/// The supported shapes of a deriving type, read once for both derives so they accept and
/// reject the same inputs.
enum Shape<'a> {
    /// A struct with named fields.
    Named(Vec<Field>),
    /// A one-field tuple struct, written as its field.
    Newtype,
    /// An enum: each variant with its JSON name.
    Enum(Vec<(&'a Variant, String)>),
}

fn shape<'a>(input: &'a DeriveInput, c: &Container) -> syn::Result<Shape<'a>> {
    match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(_) => Ok(Shape::Named(named_fields(&s.fields, rule_of(c))?)),
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Ok(Shape::Newtype),
            _ => Err(Error::new_spanned(input, "unsupported struct shape")),
        },
        Data::Enum(e) => e
            .variants
            .iter()
            .map(|v| {
                let name = match rename_attr(&v.attrs)? {
                    Some(n) => n,
                    None => rename_variant(&v.ident.to_string(), rule_of(c)),
                };
                Ok((v, name))
            })
            .collect::<syn::Result<_>>()
            .map(Shape::Enum),
        Data::Union(_) => Err(Error::new_spanned(input, "unions are not supported")),
    }
}

fn from_json(input: &DeriveInput) -> syn::Result<Tokens> {
    let c = container_attrs(&input.attrs)?;
    let name = &input.ident;
    let body = match shape(input, &c)? {
        Shape::Named(fields) => {
            let expected = format!("struct {name}");
            let decode = decode_fields(
                &fields,
                quote!(Self),
                c.deny_unknown_fields,
                c.default,
                None,
            );
            quote! {
                let __o = ::kaohe_json::object(__v, #expected)?;
                #decode
            }
        }
        Shape::Newtype => quote! { ::kaohe_json::FromJson::from_json(__v).map(Self) },
        Shape::Enum(variants) => {
            let names: Vec<&String> = variants.iter().map(|(_, n)| n).collect();
            let mut arms = Vec::new();
            for (i, &(v, ref vname)) in variants.iter().enumerate() {
                let ident = &v.ident;
                let arm = match (&c.tag, &v.fields) {
                    (None, Fields::Unit) => quote! {
                        ::kaohe_json::unit_variant(__payload, #vname)?;
                        ::core::result::Result::Ok(Self::#ident)
                    },
                    (None, Fields::Unnamed(u)) if u.unnamed.len() == 1 => quote! {
                        let __p = ::kaohe_json::payload(__payload, "newtype variant")?;
                        ::kaohe_json::within(::kaohe_json::FromJson::from_json(__p), #vname).map(Self::#ident)
                    },
                    (None, Fields::Named(_)) => {
                        let fields = named_fields(&v.fields, RenameAll::None)?;
                        let decode = decode_fields(
                            &fields,
                            quote!(Self::#ident),
                            c.deny_unknown_fields,
                            false,
                            None,
                        );
                        // serde_json's wording for a struct variant's payload of another type.
                        quote! {
                            let __p = ::kaohe_json::payload(__payload, "struct variant")?;
                            ::kaohe_json::within((|| {
                                let __o = ::kaohe_json::object(__p, "struct variant")?;
                                #decode
                            })(), #vname)
                        }
                    }
                    (Some(_), Fields::Unit) => quote! {
                        ::kaohe_json::tagged_unit(__content)?;
                        ::core::result::Result::Ok(Self::#ident)
                    },
                    (Some(tag), Fields::Named(_)) => {
                        let fields = named_fields(&v.fields, RenameAll::None)?;
                        if let Some(f) = fields
                            .iter()
                            .find(|f| !matches!(f.default, FieldDefault::None) || f.skip)
                        {
                            // serde fills defaults in the array form too; not needed so far.
                            return Err(Error::new_spanned(&f.ident, "defaults and skips are not supported in internally tagged variants"));
                        }
                        let n = fields.len();
                        let expected = format!(
                            "struct variant {name}::{ident} with {n} element{}",
                            if n == 1 { "" } else { "s" }
                        );
                        let decode = decode_fields(
                            &fields,
                            quote!(Self::#ident),
                            c.deny_unknown_fields,
                            false,
                            Some((tag, expected)),
                        );
                        quote! { #decode }
                    }
                    _ => return Err(Error::new_spanned(v, "unsupported variant shape")),
                };
                arms.push(quote! { #i => { #arm } });
            }
            let all_units = variants
                .iter()
                .all(|(v, _)| matches!(v.fields, Fields::Unit));
            match &c.tag {
                None if all_units => {
                    let idents = variants.iter().map(|(v, _)| &v.ident);
                    let indices = 0..variants.len();
                    quote! {
                        match ::kaohe_json::unit_enum(__v, &[#(#names),*])? {
                            #(#indices => ::core::result::Result::Ok(Self::#idents),)*
                            _ => ::core::unreachable!(),
                        }
                    }
                }
                None => quote! {
                    let (__i, __payload) = ::kaohe_json::variant(__v, &[#(#names),*])?;
                    match __i {
                        #(#arms)*
                        _ => ::core::unreachable!(),
                    }
                },
                Some(tag) => {
                    let expected = format!("internally tagged enum {name}");
                    quote! {
                        let (__i, __content) = ::kaohe_json::tagged(__v, #tag, &[#(#names),*], #expected)?;
                        match __i {
                            #(#arms)*
                            _ => ::core::unreachable!(),
                        }
                    }
                }
            }
        }
    };
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::kaohe_json::FromJson for #name #ty_generics #where_clause {
            #[allow(clippy::redundant_closure_call, unused_mut)]
            fn from_json(__v: &::serde_json::Value) -> ::core::result::Result<Self, ::kaohe_json::PathError> {
                #body
            }
        }
    })
}

// ---------------------------------------------------------------------------------------------
// ToJson

/// The key as written, with its quotes and colon: `"name":`.
fn key_literal(name: &str) -> String {
    format!("\"{name}\":")
}

/// Writes the fields (bound by `access(ident)`) after an opening brace or earlier fields.
fn encode_fields(fields: &[Field], access: impl Fn(&Ident) -> Tokens) -> Tokens {
    let writes = fields.iter().filter(|f| !f.skip).map(|f| {
        let key = key_literal(&f.name);
        let value = access(&f.ident);
        let write = quote! {
            ::kaohe_json::key(__out, #key);
            ::kaohe_json::ToJson::write_json(#value, __out);
        };
        match &f.skip_serializing_if {
            Some(path) => quote! { if !#path(#value) { #write } },
            None => write,
        }
    });
    quote! { #(#writes)* }
}

fn to_json(input: &DeriveInput) -> syn::Result<Tokens> {
    let c = container_attrs(&input.attrs)?;
    let name = &input.ident;
    let body = match shape(input, &c)? {
        Shape::Named(fields) => {
            let writes = encode_fields(&fields, |ident| quote!(&self.#ident));
            quote! {
                __out.push('{');
                #writes
                __out.push('}');
            }
        }
        Shape::Newtype => quote! { ::kaohe_json::ToJson::write_json(&self.0, __out); },
        Shape::Enum(variants) => {
            let mut arms = Vec::new();
            for (v, vname) in variants {
                let ident = &v.ident;
                let arm = match (&c.tag, &v.fields) {
                    (None, Fields::Unit) => {
                        let text = format!("\"{vname}\"");
                        quote! { Self::#ident => __out.push_str(#text), }
                    }
                    (None, Fields::Unnamed(u)) if u.unnamed.len() == 1 => {
                        let open = format!("{{\"{vname}\":");
                        quote! { Self::#ident(__x) => {
                            __out.push_str(#open);
                            ::kaohe_json::ToJson::write_json(__x, __out);
                            __out.push('}');
                        } }
                    }
                    (tag, Fields::Named(_)) => {
                        let fields = named_fields(&v.fields, RenameAll::None)?;
                        let idents = fields.iter().map(|f| &f.ident);
                        let writes = encode_fields(&fields, |ident| quote!(#ident));
                        // Externally tagged: {"name":{fields}}; internally: {"tag":"name",fields}.
                        let (open, close) = match tag {
                            None => (format!("{{\"{vname}\":{{"), "}}"),
                            Some(tag) => (format!("{{\"{tag}\":\"{vname}\""), "}"),
                        };
                        quote! { #[allow(unused_variables)] Self::#ident { #(#idents),* } => {
                            __out.push_str(#open);
                            #writes
                            __out.push_str(#close);
                        } }
                    }
                    (Some(tag), Fields::Unit) => {
                        let text = format!("{{\"{tag}\":\"{vname}\"}}");
                        quote! { Self::#ident => __out.push_str(#text), }
                    }
                    (Some(tag), Fields::Unnamed(u)) if u.unnamed.len() == 1 => {
                        let open = format!("{{\"{tag}\":\"{vname}\"");
                        quote! { Self::#ident(__x) => {
                            __out.push_str(#open);
                            let __at = __out.len();
                            ::kaohe_json::ToJson::write_json(__x, __out);
                            ::kaohe_json::splice_tagged(__out, __at);
                        } }
                    }
                    _ => return Err(Error::new_spanned(v, "unsupported variant shape")),
                };
                arms.push(arm);
            }
            quote! { match self { #(#arms)* } }
        }
    };
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::kaohe_json::ToJson for #name #ty_generics #where_clause {
            fn write_json(&self, __out: &mut ::std::string::String) {
                #body
            }
        }
    })
}
