//! Whether a stored certificate's issuers are all there, and if not,
//! which one is missing (画面 3-5 names it).

/// Follow issuer links from `leaf_der` through `cas` up to a self-signed
/// root: `Ok` when every link is there, else the name of the first issuer
/// whose certificate is missing (`None` when the leaf cannot be read or
/// the chain never ends). Both stores use it.
pub(crate) fn chain_gap(leaf_der: &[u8], cas: &[Vec<u8>]) -> Result<(), Option<String>> {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let Ok((_, leaf)) = X509Certificate::from_der(leaf_der) else {
        return Err(None);
    };
    let parsed: Vec<X509Certificate<'_>> = cas
        .iter()
        .filter_map(|d| X509Certificate::from_der(d).ok().map(|(_, x)| x))
        .collect();
    let mut issuer = leaf.issuer();
    if leaf.subject().as_raw() == issuer.as_raw() {
        return Ok(());
    }
    for _ in 0..10 {
        let Some(next) = parsed
            .iter()
            .find(|c| c.subject().as_raw() == issuer.as_raw())
        else {
            return Err(Some(
                crate::cert::sanitize::printable(&issuer.to_string()).into_owned(),
            ));
        };
        if next.subject().as_raw() == next.issuer().as_raw() {
            return Ok(());
        }
        issuer = next.issuer();
    }
    Err(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chain's gap is named: without its CA the leaf's issuer is the
    /// one missing; with it, nothing is.
    #[test]
    fn the_missing_issuer_is_named() {
        use crate::cert::pfx::fixtures::{Identity, IdentitySpec};
        let spec = IdentitySpec::default();
        let id = Identity::new(&spec);
        let gap = chain_gap(&id.leaf_der, &[]).unwrap_err().unwrap();
        assert!(gap.contains(&spec.ca_cn), "{gap}");
        assert_eq!(
            chain_gap(&id.leaf_der, std::slice::from_ref(&id.ca_der)),
            Ok(())
        );
        assert_eq!(chain_gap(b"not a certificate", &[]), Err(None));
    }
}
